/** Options of `runLava`: the `lavamoat` CLI's long option names. */
export interface RunLavaOptions {
  /** The app's entry file, relative to `projectRoot` unless absolute. Required unless `bin`. */
  entryPath?: string
  /**
   * Instead of `entryPath`: the name of an installed package's bin (`"eslint"`), found as npx
   * finds it (the `node_modules/.bin` symlink, else a `bin` field). Its file is the entry and
   * runs under its package's policy. `process.argv` is left as it is.
   */
  bin?: string
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

/** The default of every option (`entryPath` or `bin` is required; `projectRoot`: cwd). */
export const defaults: Readonly<Required<Omit<RunLavaOptions, 'entryPath' | 'bin' | 'projectRoot'>>> & {
  entryPath: undefined
  bin: undefined
  projectRoot: undefined
}

/** A policy document as in `policy.json`: `resources`, and optionally `resolutions`, ... */
export type Policy = { resources?: Record<string, unknown>; [key: string]: unknown }

/** One entry of a package policy; for `native` and `env`, `name` is the field name. */
export interface PolicyPermission {
  kind: 'builtin' | 'env' | 'globals' | 'native' | 'packages'
  name: string
  /** `true`, `false`, `"write"` (globals) or `"unfrozen"` (env). */
  value: boolean | string
  /** Grants a documented powerful permission (README "Reviewing policy changes"). */
  powerful: boolean
}

/** A package whose policy differs. A changed value is one entry in each list. */
export interface PackageDiff {
  name: string
  status: 'added' | 'removed' | 'changed'
  added: PolicyPermission[]
  removed: PolicyPermission[]
}

/** An entry of the deprecated `resolutions`: `package` requiring `request` gets `path`. */
export interface PolicyResolution {
  package: string
  request: string
  path: string
}

export interface PolicyDiff {
  /** Only the packages that differ, in the order the policy file lists them. */
  packages: PackageDiff[]
  resolutions: { added: PolicyResolution[]; removed: PolicyResolution[] }
  /** Some added permission is powerful. */
  addsPowerful: boolean
}

/** What `newPolicy` grants or takes away compared with `oldPolicy` (`null`: no policy). */
export function comparePolicies(oldPolicy: Policy | null, newPolicy: Policy | null): PolicyDiff

/**
 * The same for two policy files (relative to the current directory). A missing file is the
 * empty policy; an unreadable or invalid one throws an error with a `LAVAMOAT_POLICY_*` `code`.
 */
export function comparePolicyFiles(oldPath: string, newPath: string): PolicyDiff
