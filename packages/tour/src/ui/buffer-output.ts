import { Writable } from 'node:stream'

/** A writable stream that keeps what was written, to print it later in one piece (parallel samples). */
export class BufferOutput extends Writable {
  #text = ''

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.#text += chunk.toString()
    callback()
  }

  /** Everything written so far. */
  get text(): string {
    return this.#text
  }
}
