export const greet = (name) => `hello, ${name[0].toUpperCase()}${name.slice(1)}`
