/** The part of busboy 1.x (multer's multipart parser) that the pipeline uses; the package ships no types. */
declare module 'busboy' {
  import type { IncomingHttpHeaders } from 'node:http';
  import type { Readable, Writable } from 'node:stream';

  interface FileInfo { filename: string; encoding: string; mimeType: string }
  interface Limits { fieldSize?: number; fileSize?: number; fields?: number; files?: number; parts?: number }
  interface Busboy extends Writable {
    on(event: 'field', listener: (name: string, value: string, info: { valueTruncated: boolean }) => void): this;
    on(event: 'file', listener: (name: string, stream: Readable & { truncated?: boolean }, info: FileInfo) => void): this;
    on(event: 'close' | 'finish', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
  }
  function busboy(config: { headers: IncomingHttpHeaders; limits?: Limits; defParamCharset?: string }): Busboy;
  export = busboy;
}
