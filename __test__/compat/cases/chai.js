const { expect, assert, should } = require('chai')
should()
expect({ a: [1, 2] }).to.deep.equal({ a: [1, 2] })
assert.lengthOf('abc', 3)
;(5).should.be.above(3)
try { expect(1).to.equal(2) } catch (e) { console.log(e.name, e.message) }
try { expect([1]).to.include(5, 'custom') } catch (e) { console.log(e.message) }
console.log('ok')
