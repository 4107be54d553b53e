import { SeededRandom } from "../../host/board/random.js";
/** A mutation of a valid packet or of the hello: flipped bits, cut, grown, replaced bytes. */
export declare function mutate(rng: SeededRandom, seed: Uint8Array): Uint8Array;
export declare function fuzzSession(count: number, seed: number): {
    answered: number;
    executed: number;
    drops: number;
};
