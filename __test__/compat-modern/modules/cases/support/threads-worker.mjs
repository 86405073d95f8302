import { expose } from 'threads/worker'
expose({ add: (a, b) => a + b, shout: (text) => text.toUpperCase() })
