import { Writable } from 'node:stream'

/** A writable stream that keeps what was written (the tour's output in tests). */
export class MemoryOutput extends Writable {
  #text = ''

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.#text += chunk.toString()
    callback()
  }

  get text(): string {
    return this.#text
  }
}
