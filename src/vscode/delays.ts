/**
 * How long the extension waits after the last keystroke before it reads a
 * document again (ms). Diagnostics and the grants view wait the same, so
 * that one pause in typing updates both from the same model.
 */
export const TYPING_DELAY = 300;
