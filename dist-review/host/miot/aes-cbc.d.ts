export declare function encryptCbc(plain: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
/** The plaintext, or null when the PKCS#7 padding is not valid. */
export declare function decryptCbc(body: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array | null;
