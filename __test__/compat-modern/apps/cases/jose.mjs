// jose: sign and verify a JWT with a fixed key (HS256 and Ed25519 from a fixed JWK), no clock.
import * as jose from 'jose'

const secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long')
const jwt = await new jose.SignJWT({ sub: 'user1', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1700000000).setIssuer('urn:compat').sign(secret)
console.log(jwt)
const { payload, protectedHeader } = await jose.jwtVerify(jwt, secret, { issuer: 'urn:compat', currentDate: new Date(1700000100000) })
console.log(JSON.stringify(payload), protectedHeader.alg)
try {
  await jose.jwtVerify(jwt, new TextEncoder().encode('another-secret-that-is-long-enough-too'), { currentDate: new Date(1700000100000) })
} catch (e) { console.log(e.code, e instanceof jose.errors.JWSSignatureVerificationFailed, e instanceof Error) }
const jwk = { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' }
const key = await jose.importJWK(jwk, 'EdDSA')
const jws = await new jose.CompactSign(new TextEncoder().encode('signed text')).setProtectedHeader({ alg: 'EdDSA' }).sign(key)
console.log(jws)
const pub = await jose.importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, 'EdDSA')
const verified = await jose.compactVerify(jws, pub)
console.log(new TextDecoder().decode(verified.payload), JSON.stringify(jose.decodeJwt(jwt)))
console.log(await jose.calculateJwkThumbprint(jwk))
