/**
 * Run before every test file. The suite shares one module graph per worker (`isolate: false` in
 * vite.config.ts), so a key written onto Object.prototype by one test would be inherited by every
 * object of every file after it in that worker: a schema's `for…in` then meets it as an entry, and
 * hundreds of unrelated tests fail far from the cause. Made non-extensible, Object.prototype refuses
 * the write (a TypeError in strict code) at the line that makes it, inside the test that makes it.
 */
Object.preventExtensions(Object.prototype);
