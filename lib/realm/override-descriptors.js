'use strict'
// Reflection reports SES's override accessors as the frozen data properties they stand for.
//
// Why: to repair the override mistake, SES (and override-taming.js) turn properties of the
// frozen intrinsics into accessor pairs, so that assigning `obj.toString = f` on an object
// that inherits the property still works. Reflection then showed an accessor where Node has
// a data property, and code that copies a descriptor while replacing its value built an
// invalid one: mimic-fn 3/4 (bundled by prettier 2) does
// `Object.defineProperty(fn, 'toString', { ...getOwnPropertyDescriptor(Function.prototype, 'toString'), value })`
// and threw "Cannot both specify accessors and a value" at load. The answer is what a plain
// `harden` would have left: a non-writable data property holding the original value, which
// the getter hands out anyway, so nothing new is reachable. Both kinds of override accessor
// carry their value as `originalValue` on the getter (SES's convention, kept by ours).

// Captured before the replacement: the membranes and views reason about real accessors.
const realDescriptor = Reflect.getOwnPropertyDescriptor
const { ownKeys } = Reflect

/** The descriptor to report for `desc`: the data property an override accessor stands for. */
function asDataProperty(desc) {
  if (desc === undefined || typeof desc.get !== 'function' || typeof desc.set !== 'function') return desc
  const marker = realDescriptor(desc.get, 'originalValue')
  if (marker === undefined || !('value' in marker) || marker.configurable) return desc
  return { value: marker.value, writable: false, enumerable: desc.enumerable, configurable: desc.configurable }
}

/** Replaces `holder[name]` with a function that maps descriptors; it still prints as native. */
function reportingDataProperties(holder, name, mapResult) {
  const original = holder[name]
  const replacement = new Proxy(original, { apply: (target, thisArg, args) => mapResult(Reflect.apply(target, thisArg, args)) })
  Reflect.defineProperty(holder, name, { value: replacement })
}

/** Call between SES's repairIntrinsics and hardenIntrinsics, which freezes the replacements. */
function reportOverrideAccessorsAsData(global) {
  reportingDataProperties(global.Object, 'getOwnPropertyDescriptor', asDataProperty)
  reportingDataProperties(global.Reflect, 'getOwnPropertyDescriptor', asDataProperty)
  reportingDataProperties(global.Object, 'getOwnPropertyDescriptors', (descriptors) => {
    for (const key of ownKeys(descriptors)) descriptors[key] = asDataProperty(descriptors[key])
    return descriptors
  })
}

module.exports = { reportOverrideAccessorsAsData, realDescriptor }
