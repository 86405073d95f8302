/** Options of `runLava`: the `lavamoat` CLI's long option names. */
export interface RunLavaOptions {
  /** The app's entry file, relative to `projectRoot` unless absolute. */
  entryPath: string
  /** Directory whose package.json and node_modules define the packages. Default: `process.cwd()`. */
  projectRoot?: string
  /** Default: `lavamoat/node/policy.json`. */
  policyPath?: string
  /** Hand-written changes that always win. Default: `lavamoat/node/policy-override.json`. */
  policyOverridePath?: string
  /** Default: `lavamoat/node/policy-debug.json`. */
  policyDebugPath?: string
  /** Write the policy (merged with the override) and do not run the app. */
  writeAutoPolicy?: boolean
  /** Also write the debug policy; does not run the app unless `writeAutoPolicyAndRun`. */
  writeAutoPolicyDebug?: boolean
  /** Write the policy, then run the app with it. */
  writeAutoPolicyAndRun?: boolean
  /** Print where policies are looked up and more detail on errors. */
  debugMode?: boolean
  /** Time every module's initialisation and write a flame-graph JSON file. */
  statsMode?: boolean
  /** Make the real globalThis unusable except for the listed exceptions. */
  scuttleGlobalThis?: boolean | ScuttleGlobalThisOptions
  /** @deprecated use `scuttleGlobalThis.exceptions` */
  scuttleGlobalThisExceptions?: string[]
}

export interface ScuttleGlobalThisOptions {
  enabled?: boolean
  /** Property names, or `/regexp/flags` strings, left usable. */
  exceptions?: string[]
  scuttlerName?: string
}

/**
 * Writes the policy, runs the app, or both, as the options say. Resolves to the entry
 * module's `module.exports` when the app runs, else `undefined`.
 */
export function runLava(options: RunLavaOptions): Promise<unknown>

/** The default of every option (`entryPath` and `projectRoot` are undefined: required / cwd). */
export const defaults: Readonly<Required<Omit<RunLavaOptions, 'entryPath' | 'projectRoot'>>> & {
  entryPath: undefined
  projectRoot: undefined
}
