/** The one way the project grows a typed array it fills as it goes. */

type GrowableArray = Uint32Array | Int32Array;

/** A copy of `array`, `length` long: its values first (cut when `length` is shorter), zeros after. */
export function resized<T extends GrowableArray>(array: T, length: number): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array.length <= length ? array : (array.subarray(0, length) as T));
  return copy;
}

/** A copy of `array` on a SharedArrayBuffer: worker threads that are sent it read this one copy. */
export function sharedCopy<T extends Uint32Array | Float32Array>(array: T): T {
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}
