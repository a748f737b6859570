"""Hash-list exchange: the formats of the field, and connectors to the lists that use them.

Formats: readers into bank rows, writers out of bank entries.

One module per format (NCMEC hash sharing XML, StopNCII, ThreatExchange, Project VIC VICS,
INTERPOL ICSE CSV, HMA CSV). A reader turns a file into `SourceRow`s (numbered by the line
the record starts on, with a reason when a record cannot be used); `BankService.import_file`
checks and stores them like any other import. A writer turns a bank's entries back into
the format, restoring the fields kept as pass-through attributes. docs/formats.md lists
what each format maps and what it cannot keep. `exchange.connectors` keeps banks in sync
with NCMEC, StopNCII and ThreatExchange, and sends reviewers' verdicts back.
"""
