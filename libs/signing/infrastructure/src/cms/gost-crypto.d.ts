// The part of gost-crypto 1.1.4 we call (it ships no types): GOST R 34.10-2012 verification, and Streebog as the
// reference our own streebog.ts is tested and benchmarked against.
// Only these two modules are loaded — not the package index, whose WebCrypto facade tries to start a Worker.

declare module 'gost-crypto/lib/gostDigest' {
  interface GostDigestAlgorithm {
    name: 'GOST R 34.11';
    version: 2012;
    length: 256 | 512;
  }
  class GostDigest {
    constructor(algorithm: GostDigestAlgorithm);
    digest(data: ArrayBuffer): ArrayBuffer;
  }
  export = GostDigest;
}

declare module 'gost-crypto/lib/gostSign' {
  interface GostCurve {
    p: string;
    a: string;
    b: string;
    q: string;
    x: string;
    y: string;
  }
  interface GostSignAlgorithm {
    name: 'GOST R 34.10';
    version: 2012;
    length: 256 | 512;
    /** Explicit curve: never let the library map a paramset name (it maps TC26-256-A onto CryptoPro-A). */
    curve: GostCurve;
    /** 'CP': signatures as in RFC 4491 / CryptoPro and OpenSSL (s‖r big-endian, read reversed). */
    procreator: 'CP';
    hash: { name: 'GOST R 34.11'; version: 2012; length: 256 | 512 };
  }
  class GostSign {
    constructor(algorithm: GostSignAlgorithm);
    /** publicKey: little-endian x ‖ y as in the certificate's OCTET STRING; data is hashed by the library. */
    verify(publicKey: ArrayBuffer, signature: ArrayBuffer, data: ArrayBuffer): boolean;
  }
  export = GostSign;
}
