const xml2js = require('xml2js')
xml2js.parseString('<root a="1"><item>x</item><item>y</item></root>', (err, result) => {
  console.log(err, JSON.stringify(result))
  console.log(new xml2js.Builder({ headless: true, renderOpts: { pretty: false } }).buildObject({ top: { $: { id: 2 }, child: ['a', 'b'] } }))
})
