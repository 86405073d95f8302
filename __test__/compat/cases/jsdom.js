// jsdom builds a window in a vm context of its own and runs scripts there.
const { JSDOM } = require('jsdom')
const dom = new JSDOM('<!DOCTYPE html><ul id="l"><li>a</li><li class="x">b</li></ul><script>document.title = "from " + typeof Object</script>', { runScripts: 'dangerously' })
const { document } = dom.window
console.log(document.querySelectorAll('li').length, document.querySelector('.x').textContent, document.title)
const li = document.createElement('li')
li.textContent = 'c'
document.getElementById('l').appendChild(li)
console.log(document.getElementById('l').innerHTML)
console.log(dom.window.eval('[1, 2, 3].map((n) => n * 2).join("-")'), dom.serialize().length > 50)
