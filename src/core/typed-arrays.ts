/** The one way the project grows a typed array it fills as it goes. */

type GrowableArray = Uint32Array | Int32Array;

/** A copy of `array`, `length` long: its values first (cut when `length` is shorter), zeros after. */
export function resized<T extends GrowableArray>(array: T, length: number): T {
  const copy = new (array.constructor as new (length: number) => T)(length);
  copy.set(array.length <= length ? array : (array.subarray(0, length) as T));
  return copy;
}
