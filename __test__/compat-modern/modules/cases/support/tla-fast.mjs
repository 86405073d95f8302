console.log('fast: evaluated')
export const fast = 'fast'
