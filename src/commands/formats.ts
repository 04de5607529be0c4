/** The names of the output formats and CSV quoting modes (the openstack CLI's), with nothing heavy behind them. */
export const OUTPUT_FORMATS = ['table', 'json', 'value', 'yaml', 'csv', 'shell'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const CSV_QUOTES = ['all', 'minimal', 'none', 'nonnumeric'] as const;
export type CsvQuote = (typeof CSV_QUOTES)[number];
