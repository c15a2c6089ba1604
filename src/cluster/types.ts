/** The flags the cluster commands read, at the low end of src/cluster/ (command.ts parses, slurm.ts passes them on). */

export interface ClusterArguments {
  paths: string[];
  shard?: string;
  shardCount?: number;
  workDir?: string;
  merge: boolean;
  force: boolean;
  shards?: number;
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  mem?: string;
  dryRun: boolean;
}

/** The flags of the run that the cluster commands read or pass on to the stages they submit. */
export interface ForwardedArguments {
  config?: string;
  rule: string[];
  ruleOnly: string[];
  plugin: string[];
  rulesdir: string[];
  textField: string;
  idField: string;
  follow: boolean;
  fix: boolean;
  fixDryRun: boolean;
  unsafeFixes: boolean;
  format: string;
  outputFile?: string;
  maxWarnings: string;
  quiet: boolean;
  maxResults?: number;
  stdin: boolean;
  cache: boolean;
  dropList?: string;
  exclusions?: string;
}
