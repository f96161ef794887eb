/**
 * GOST R 34.11-2012 (Streebog) 256 and 512, RFC 6986 — the standard table-driven construction (as in the
 * authors' reference code and OpenSSL's GOST engine), about three times as fast as gost-crypto's (≈ 45 against
 * ≈ 15 MiB/s here).
 *
 * Byte order. RFC 6986 writes every 512-bit vector, the message included, as one big-endian number whose
 * least significant byte is the first byte of the byte string (its M1 is the ASCII string
 * "012…012" printed backwards, and its digests are printed backwards too). Here a vector is eight
 * little-endian 64-bit words, word 0 holding bytes 0–7 of the string, so the input is read in order and the
 * digest comes out in the byte order of OpenSSL (`openssl dgst -md_gost12_256`), CryptoPro and gost-crypto —
 * the order in which CMS messageDigest values are made. A 64-bit word is two int32 halves, low then high.
 *
 * LPS (substitution π, transposition τ, linear map l given by the matrix A) is done with eight tables of 256
 * 64-bit values, `T_k[v] = l(π(v) << 8k)`, derived at module load from π, τ and A as the standard gives
 * them: output word j of LPS(x) is the XOR over k of `T_k[byte j of word k of x]`.
 *
 * No allocation in the block loop: the compression works on module-level scratch arrays (JavaScript runs it
 * to completion, so instances can share them), and each full block is read from the caller's bytes where they
 * are (any offset or alignment) into a reused 64-byte vector — the message itself is never copied.
 */

/** The substitution π (RFC 6986 section 6.2). */
const PI = Uint8Array.from([
  252, 238, 221, 17, 207, 110, 49, 22, 251, 196, 250, 218, 35, 197, 4, 77, 233, 119, 240, 219, 147, 46, 153,
  186, 23, 54, 241, 187, 20, 205, 95, 193, 249, 24, 101, 90, 226, 92, 239, 33, 129, 28, 60, 66, 139, 1, 142,
  79, 5, 132, 2, 174, 227, 106, 143, 160, 6, 11, 237, 152, 127, 212, 211, 31, 235, 52, 44, 81, 234, 200, 72,
  171, 242, 42, 104, 162, 253, 58, 206, 204, 181, 112, 14, 86, 8, 12, 118, 18, 191, 114, 19, 71, 156, 183, 93,
  135, 21, 161, 150, 41, 16, 123, 154, 199, 243, 145, 120, 111, 157, 158, 178, 177, 50, 117, 25, 61, 255, 53,
  138, 126, 109, 84, 198, 128, 195, 189, 13, 87, 223, 245, 36, 169, 62, 168, 67, 201, 215, 121, 214, 246, 124,
  34, 185, 3, 224, 15, 236, 222, 122, 148, 176, 188, 220, 232, 40, 80, 78, 51, 10, 74, 167, 151, 96, 115, 30,
  0, 98, 68, 26, 184, 56, 130, 100, 159, 38, 65, 173, 69, 70, 146, 39, 94, 85, 47, 140, 163, 165, 125, 105,
  213, 149, 59, 7, 88, 179, 64, 134, 172, 29, 247, 48, 55, 107, 228, 136, 217, 231, 137, 225, 27, 131, 73, 76,
  63, 248, 254, 141, 83, 170, 144, 202, 216, 133, 97, 32, 113, 103, 164, 45, 43, 9, 91, 203, 155, 37, 208,
  190, 229, 108, 82, 89, 166, 116, 210, 230, 244, 180, 192, 209, 102, 175, 194, 57, 75, 99, 182,
]);

/** The byte permutation τ (RFC 6986 section 6.3): byte i of P(a) is byte τ(i) of a. */
const TAU = Uint8Array.from([
  0, 8, 16, 24, 32, 40, 48, 56, 1, 9, 17, 25, 33, 41, 49, 57, 2, 10, 18, 26, 34, 42, 50, 58, 3, 11, 19, 27,
  35, 43, 51, 59, 4, 12, 20, 28, 36, 44, 52, 60, 5, 13, 21, 29, 37, 45, 53, 61, 6, 14, 22, 30, 38, 46, 54, 62,
  7, 15, 23, 31, 39, 47, 55, 63,
]);

/** The rows A_0…A_63 of the matrix of l (RFC 6986 section 6.4): bit 63 − i of the input selects A_i. */
// prettier-ignore
const A = [
  '8e20faa72ba0b470', '47107ddd9b505a38', 'ad08b0e0c3282d1c', 'd8045870ef14980e',
  '6c022c38f90a4c07', '3601161cf205268d', '1b8e0b0e798c13c8', '83478b07b2468764',
  'a011d380818e8f40', '5086e740ce47c920', '2843fd2067adea10', '14aff010bdd87508',
  '0ad97808d06cb404', '05e23c0468365a02', '8c711e02341b2d01', '46b60f011a83988e',
  '90dab52a387ae76f', '486dd4151c3dfdb9', '24b86a840e90f0d2', '125c354207487869',
  '092e94218d243cba', '8a174a9ec8121e5d', '4585254f64090fa0', 'accc9ca9328a8950',
  '9d4df05d5f661451', 'c0a878a0a1330aa6', '60543c50de970553', '302a1e286fc58ca7',
  '18150f14b9ec46dd', '0c84890ad27623e0', '0642ca05693b9f70', '0321658cba93c138',
  '86275df09ce8aaa8', '439da0784e745554', 'afc0503c273aa42a', 'd960281e9d1d5215',
  'e230140fc0802984', '71180a8960409a42', 'b60c05ca30204d21', '5b068c651810a89e',
  '456c34887a3805b9', 'ac361a443d1c8cd2', '561b0d22900e4669', '2b838811480723ba',
  '9bcf4486248d9f5d', 'c3e9224312c8c1a0', 'effa11af0964ee50', 'f97d86d98a327728',
  'e4fa2054a80b329c', '727d102a548b194e', '39b008152acb8227', '9258048415eb419d',
  '492c024284fbaec0', 'aa16012142f35760', '550b8e9e21f7a530', 'a48b474f9ef5dc18',
  '70a6a56e2440598e', '3853dc371220a247', '1ca76e95091051ad', '0edd37c48a08a6d8',
  '07e095624504536c', '8d70c431ac02a736', 'c83862965601dd1b', '641c314b2b8ee083',
];

/** The iteration constants C_1…C_12 (RFC 6986 section 6.6), big-endian as the RFC prints them. */
const C_HEX = [
  'b1085bda1ecadae9ebcb2f81c0657c1f2f6a76432e45d016714eb88d7585c4fc4b7ce09192676901a2422a08a460d31505767436cc744d23dd806559f2a64507',
  '6fa3b58aa99d2f1a4fe39d460f70b5d7f3feea720a232b9861d55e0f16b501319ab5176b12d699585cb561c2db0aa7ca55dda21bd7cbcd56e679047021b19bb7',
  'f574dcac2bce2fc70a39fc286a3d843506f15e5f529c1f8bf2ea7514b1297b7bd3e20fe490359eb1c1c93a376062db09c2b6f443867adb31991e96f50aba0ab2',
  'ef1fdfb3e81566d2f948e1a05d71e4dd488e857e335c3c7d9d721cad685e353fa9d72c82ed03d675d8b71333935203be3453eaa193e837f1220cbebc84e3d12e',
  '4bea6bacad4747999a3f410c6ca923637f151c1f1686104a359e35d7800fffbdbfcd1747253af5a3dfff00b723271a167a56a27ea9ea63f5601758fd7c6cfe57',
  'ae4faeae1d3ad3d96fa4c33b7a3039c02d66c4f95142a46c187f9ab49af08ec6cffaa6b71c9ab7b40af21f66c2bec6b6bf71c57236904f35fa68407a46647d6e',
  'f4c70e16eeaac5ec51ac86febf240954399ec6c7e6bf87c9d3473e33197a93c90992abc52d822c3706476983284a05043517454ca23c4af38886564d3a14d493',
  '9b1f5b424d93c9a703e7aa020c6e41414eb7f8719c36de1e89b4443b4ddbc49af4892bcb929b069069d18d2bd1a5c42f36acc2355951a8d9a47f0dd4bf02e71e',
  '378f5a541631229b944c9ad8ec165fde3a7d3a1b258942243cd955b7e00d0984800a440bdbb2ceb17b2b8a9aa6079c540e38dc92cb1f2a607261445183235adb',
  'abbedea680056f52382ae548b2e4f3f38941e71cff8a78db1fffe18a1b3361039fe76702af69334b7a1e6c303b7652f43698fad1153bb6c374b4c7fb98459ced',
  '7bcd9ed0efc889fb3002c6cd635afe94d8fa6bbbebab076120018021148466798a1d71efea48b9caefbacd1d7d476e98dea2594ac06fd85d6bcaa4cd81f32d1b',
  '378ee767f11631bad21380b00449b17acda43c32bcdf1d77f82012d430219f9b5d80ef9d1891cc86e71da4aa88e12852faf417d5d9b21b9948bc924af11bd720',
];

/** A 512-bit vector: 16 int32, word w (bytes 8w…8w+7 of the string) as [2w] = low half, [2w+1] = high half. */
type Vec = Int32Array;
const vec = (): Vec => new Int32Array(16);

/** A big-endian hex number (as the RFC prints it) as a vector. */
function vecFromHex(hex: string): Vec {
  const v = vec();
  for (let i = 0; i < 16; i++)
    v[i] = parseInt(hex.slice(hex.length - 8 * (i + 1), hex.length - 8 * i), 16) | 0;
  return v;
}

const C: readonly Vec[] = C_HEX.map(vecFromHex);

/**
 * The combined LPS tables: entry v of table k at index k·256 + v, the low halves in TABLE_LO, the high ones in
 * TABLE_HI. 2 × 8 KiB, which stays in the L1 cache.
 */
const [TABLE_LO, TABLE_HI] = ((): [Int32Array, Int32Array] => {
  // The lookup in lpsx reads, for output word j, byte j of input word k with table k: that is P for this τ
  // (byte 8j + k of P(a) is byte τ(8j + k) = 8k + j of a). Refuse to run if τ were anything else.
  for (let j = 0; j < 8; j++) {
    for (let k = 0; k < 8; k++) {
      if (TAU[8 * j + k] !== 8 * k + j) throw new Error('streebog: τ is not the transposition lpsx assumes');
    }
  }
  const rowLo = A.map((row) => parseInt(row.slice(8), 16) | 0);
  const rowHi = A.map((row) => parseInt(row.slice(0, 8), 16) | 0);
  const lo = new Int32Array(8 * 256);
  const hi = new Int32Array(8 * 256);
  for (let k = 0; k < 8; k++) {
    for (let v = 0; v < 256; v++) {
      // l(π(v) << 8k): bit p of the word selects row A_{63−p}.
      const s = PI[v];
      for (let bit = 0; bit < 8; bit++) {
        if ((s >>> bit) & 1) {
          const row = 63 - (8 * k + bit);
          lo[k * 256 + v] ^= rowLo[row];
          hi[k * 256 + v] ^= rowHi[row];
        }
      }
    }
  }
  return [lo, hi];
})();

/**
 * out = LPS(x ⊕ y); out may be x or y. Unrolled by hand: with constant shifts and table offsets V8 makes this
 * about a third faster than the same lookups in a loop (and a helper per output word is not inlined).
 */
function lpsx(x: Vec, y: Vec, out: Vec): void {
  const lo = TABLE_LO;
  const hi = TABLE_HI;
  const l0 = x[0] ^ y[0];
  const h0 = x[1] ^ y[1];
  const l1 = x[2] ^ y[2];
  const h1 = x[3] ^ y[3];
  const l2 = x[4] ^ y[4];
  const h2 = x[5] ^ y[5];
  const l3 = x[6] ^ y[6];
  const h3 = x[7] ^ y[7];
  const l4 = x[8] ^ y[8];
  const h4 = x[9] ^ y[9];
  const l5 = x[10] ^ y[10];
  const h5 = x[11] ^ y[11];
  const l6 = x[12] ^ y[12];
  const h6 = x[13] ^ y[13];
  const l7 = x[14] ^ y[14];
  const h7 = x[15] ^ y[15];
  let i0: number, i1: number, i2: number, i3: number, i4: number, i5: number, i6: number, i7: number;
  // Word 0: byte 0 of every word (low halves).
  i0 = l0 & 255;
  i1 = 256 | (l1 & 255);
  i2 = 512 | (l2 & 255);
  i3 = 768 | (l3 & 255);
  i4 = 1024 | (l4 & 255);
  i5 = 1280 | (l5 & 255);
  i6 = 1536 | (l6 & 255);
  i7 = 1792 | (l7 & 255);
  out[0] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[1] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 1: byte 1 of every word (low halves).
  i0 = (l0 >>> 8) & 255;
  i1 = 256 | ((l1 >>> 8) & 255);
  i2 = 512 | ((l2 >>> 8) & 255);
  i3 = 768 | ((l3 >>> 8) & 255);
  i4 = 1024 | ((l4 >>> 8) & 255);
  i5 = 1280 | ((l5 >>> 8) & 255);
  i6 = 1536 | ((l6 >>> 8) & 255);
  i7 = 1792 | ((l7 >>> 8) & 255);
  out[2] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[3] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 2: byte 2 of every word (low halves).
  i0 = (l0 >>> 16) & 255;
  i1 = 256 | ((l1 >>> 16) & 255);
  i2 = 512 | ((l2 >>> 16) & 255);
  i3 = 768 | ((l3 >>> 16) & 255);
  i4 = 1024 | ((l4 >>> 16) & 255);
  i5 = 1280 | ((l5 >>> 16) & 255);
  i6 = 1536 | ((l6 >>> 16) & 255);
  i7 = 1792 | ((l7 >>> 16) & 255);
  out[4] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[5] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 3: byte 3 of every word (low halves).
  i0 = l0 >>> 24;
  i1 = 256 | (l1 >>> 24);
  i2 = 512 | (l2 >>> 24);
  i3 = 768 | (l3 >>> 24);
  i4 = 1024 | (l4 >>> 24);
  i5 = 1280 | (l5 >>> 24);
  i6 = 1536 | (l6 >>> 24);
  i7 = 1792 | (l7 >>> 24);
  out[6] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[7] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 4: byte 4 of every word (byte 0 of the high halves).
  i0 = h0 & 255;
  i1 = 256 | (h1 & 255);
  i2 = 512 | (h2 & 255);
  i3 = 768 | (h3 & 255);
  i4 = 1024 | (h4 & 255);
  i5 = 1280 | (h5 & 255);
  i6 = 1536 | (h6 & 255);
  i7 = 1792 | (h7 & 255);
  out[8] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[9] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 5: byte 5 of every word (byte 1 of the high halves).
  i0 = (h0 >>> 8) & 255;
  i1 = 256 | ((h1 >>> 8) & 255);
  i2 = 512 | ((h2 >>> 8) & 255);
  i3 = 768 | ((h3 >>> 8) & 255);
  i4 = 1024 | ((h4 >>> 8) & 255);
  i5 = 1280 | ((h5 >>> 8) & 255);
  i6 = 1536 | ((h6 >>> 8) & 255);
  i7 = 1792 | ((h7 >>> 8) & 255);
  out[10] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[11] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 6: byte 6 of every word (byte 2 of the high halves).
  i0 = (h0 >>> 16) & 255;
  i1 = 256 | ((h1 >>> 16) & 255);
  i2 = 512 | ((h2 >>> 16) & 255);
  i3 = 768 | ((h3 >>> 16) & 255);
  i4 = 1024 | ((h4 >>> 16) & 255);
  i5 = 1280 | ((h5 >>> 16) & 255);
  i6 = 1536 | ((h6 >>> 16) & 255);
  i7 = 1792 | ((h7 >>> 16) & 255);
  out[12] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[13] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
  // Word 7: byte 7 of every word (byte 3 of the high halves).
  i0 = h0 >>> 24;
  i1 = 256 | (h1 >>> 24);
  i2 = 512 | (h2 >>> 24);
  i3 = 768 | (h3 >>> 24);
  i4 = 1024 | (h4 >>> 24);
  i5 = 1280 | (h5 >>> 24);
  i6 = 1536 | (h6 >>> 24);
  i7 = 1792 | (h7 >>> 24);
  out[14] = lo[i0] ^ lo[i1] ^ lo[i2] ^ lo[i3] ^ lo[i4] ^ lo[i5] ^ lo[i6] ^ lo[i7];
  out[15] = hi[i0] ^ hi[i1] ^ hi[i2] ^ hi[i3] ^ hi[i4] ^ hi[i5] ^ hi[i6] ^ hi[i7];
}

// Scratch for the compression function (never escapes; the caller's state lives in the Streebog object).
const K = vec();
const STATE = vec();
const ZERO = vec();

/** h = g_N(h, m) = E(LPS(h ⊕ N), m) ⊕ h ⊕ m. */
function compress(h: Vec, n: Vec, m: Vec): void {
  lpsx(h, n, K); // K_1
  lpsx(K, m, STATE); // LPSX[K_1](m)
  for (let i = 0; i < 11; i++) {
    lpsx(K, C[i], K); // K_{i+2}
    lpsx(STATE, K, STATE);
  }
  lpsx(K, C[11], K); // K_13
  for (let i = 0; i < 16; i++) h[i] = h[i] ^ STATE[i] ^ K[i] ^ m[i];
}

/** v = v + m mod 2^512. */
function add512(v: Vec, m: Vec): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const sum = (v[i] >>> 0) + (m[i] >>> 0) + carry;
    v[i] = sum | 0;
    carry = sum > 0xffffffff ? 1 : 0;
  }
}

/** v = v + small mod 2^512, for 0 ≤ small < 2^31. */
function addSmall(v: Vec, small: number): void {
  let carry = small;
  for (let i = 0; i < 16 && carry !== 0; i++) {
    const sum = (v[i] >>> 0) + carry;
    v[i] = sum | 0;
    carry = sum > 0xffffffff ? 1 : 0;
  }
}

/** Reads the 64 bytes at `offset` into a vector (endianness-independent). */
function load(into: Vec, bytes: Uint8Array, offset: number): void {
  for (let i = 0, p = offset; i < 16; i++, p += 4) {
    into[i] = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
  }
}

const BLOCK = vec();

export type StreebogLength = 256 | 512;

/** Streaming Streebog: `update()` any number of times, then `digest()` once (or `reset()` and start over). */
export class Streebog {
  private readonly h = vec();
  private readonly n = vec();
  private readonly sigma = vec();
  /** The bytes of an incomplete block carried between updates. */
  private readonly pending = new Uint8Array(64);
  private pendingLength = 0;
  private finished = false;

  constructor(readonly length: StreebogLength) {
    if (length !== 256 && length !== 512)
      throw new RangeError(`Streebog length must be 256 or 512: ${length}`);
    this.reset();
  }

  reset(): this {
    // IV: 0^512 for 512, (00000001)^64 for 256.
    this.h.fill(this.length === 256 ? 0x01010101 : 0);
    this.n.fill(0);
    this.sigma.fill(0);
    this.pendingLength = 0;
    this.finished = false;
    return this;
  }

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Streebog: update() after digest(); call reset() first');
    let offset = 0;
    const length = data.length;
    if (this.pendingLength > 0) {
      const take = Math.min(64 - this.pendingLength, length);
      this.pending.set(data.subarray(0, take), this.pendingLength);
      this.pendingLength += take;
      offset = take;
      if (this.pendingLength < 64) return this;
      this.block(this.pending, 0);
      this.pendingLength = 0;
    }
    // Stage 2 of the standard: every complete block as soon as it is there (stage 3 always pads what is left,
    // possibly nothing, so a complete last block never has to be held back).
    for (; length - offset >= 64; offset += 64) this.block(data, offset);
    if (offset < length) {
      this.pending.set(data.subarray(offset), 0);
      this.pendingLength = length - offset;
    }
    return this;
  }

  /** The digest in OpenSSL's (and CMS's) byte order: 32 or 64 bytes. */
  digest(): Uint8Array {
    if (this.finished) throw new Error('Streebog: digest() called twice; call reset() first');
    this.finished = true;
    // Stage 3: m = 0…0 ‖ 1 ‖ M, i.e. the remaining bytes, then 0x01, then zeros.
    const rest = this.pendingLength;
    this.pending[rest] = 0x01;
    this.pending.fill(0, rest + 1);
    load(BLOCK, this.pending, 0);
    compress(this.h, this.n, BLOCK);
    addSmall(this.n, rest * 8);
    add512(this.sigma, BLOCK);
    compress(this.h, ZERO, this.n);
    compress(this.h, ZERO, this.sigma);
    // 512: h; 256: MSB_256(h), the high four words.
    const from = this.length === 256 ? 8 : 0;
    const out = new Uint8Array(this.length / 8);
    for (let i = from, p = 0; i < 16; i++, p += 4) {
      const w = this.h[i];
      out[p] = w;
      out[p + 1] = w >>> 8;
      out[p + 2] = w >>> 16;
      out[p + 3] = w >>> 24;
    }
    this.pending.fill(0);
    return out;
  }

  private block(bytes: Uint8Array, offset: number): void {
    load(BLOCK, bytes, offset);
    compress(this.h, this.n, BLOCK);
    addSmall(this.n, 512);
    add512(this.sigma, BLOCK);
  }
}

/** One-shot Streebog of `data` (read in place, not copied). */
export function streebog(data: Uint8Array, length: StreebogLength): Uint8Array {
  return new Streebog(length).update(data).digest();
}
