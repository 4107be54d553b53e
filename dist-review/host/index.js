// sail-sdk: the emulated board and the tools around it, for tests and scripts.
export { Board } from "./board/board.js";
export { ButtonHandle, PinHandle } from "./board/handles.js";
export { listBoardIds, loadBoardProfile } from "./board/profile.js";
export { buildProject } from "./build/build.js";
export { flashImage } from "./flash/flash.js";
export { BuildError, ImageError, ProfileError, SailError, TimeoutError } from "./errors.js";
export { toMicros } from "./time/duration.js";
export { ABI_VERSION } from "./abi/table.js";
export { checkBudgets, eventsNamed, parseBudgets, profileReport } from "./profile/report.js";
export { sizeReport } from "./profile/size.js";
//# sourceMappingURL=index.js.map