/** Exits with code 1 and one coded message (`UAMI_NODE_TOO_OLD`) when this Node.js is older than `needed` (`major.minor`). */
export function requireNode(command: string, needed: string): void
