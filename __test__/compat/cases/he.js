const he = require('he')
console.log(he.encode('foo © bar ≠ baz 𝌆 qux'), he.decode('&lt;a&gt; &amp;copy; &#x1D306;'), he.escape('<img src="x">'))
