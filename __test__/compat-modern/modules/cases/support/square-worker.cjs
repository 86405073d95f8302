const workerpool = require('workerpool')
workerpool.worker({ fib: (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)) })
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) }
