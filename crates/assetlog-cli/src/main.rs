//! `assetlog`: the command line over the assetlog crate.
//!
//! Exit codes: 0 success; 1 refused (bad input, an illegal lifecycle step, a
//! version conflict, rows that could not be read with `--strict`); 2 usage
//! error; 3 the log or an input file cannot be opened or read; 4 an import
//! wrote its good rows but skipped bad ones; 5 the log fails verification.

mod commands;
mod demo;
mod demo_licenses;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;

/// Keep the whole life of every IT asset — ordered, shipped, assigned,
/// patched, repaired, returned, retired — in one log file, and ask it
/// where things are, who has them and what they cost, now or on any date.
#[derive(Parser)]
#[command(name = "assetlog", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    /// The log file (created if missing).
    #[arg(
        long,
        global = true,
        env = "ASSETLOG_DB",
        default_value = "assetlog.db"
    )]
    db: PathBuf,
    /// Print JSON (for scripts).
    #[arg(long, global = true, conflicts_with = "csv")]
    json: bool,
    /// Print CSV (for spreadsheets).
    #[arg(long, global = true)]
    csv: bool,
    #[command(subcommand)]
    command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 done; 1 refused (bad input, illegal step, conflict, not found); 2 usage; \
3 file cannot be opened or read; 4 import skipped bad rows; 5 the log fails verification or cannot be read back; \
70 internal error.\nDates: 2024-12-31 (the end of that day, UTC) or 2024-12-31T17:00:00Z.";

/// When: `--as-of` a date (what had happened by its end), `--as-recorded`
/// what the log knew then.
#[derive(Args, Clone, Default)]
pub struct When {
    /// Show things as they were at the end of this day (or instant).
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Show what the log had recorded by this day (or instant).
    #[arg(long, value_name = "DATE")]
    as_recorded: Option<String>,
}

/// Filters for fleet lists and counts; each given one must match.
#[derive(Args, Clone, Default)]
pub struct Filter {
    /// ordered, in_stock, in_transit, assigned, in_repair, return_pending, lost, retired
    #[arg(long)]
    status: Option<String>,
    /// ISO country code, e.g. DE
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    location: Option<String>,
    /// A person id
    #[arg(long)]
    holder: Option<String>,
    /// laptop, phone, monitor...
    #[arg(long)]
    category: Option<String>,
    #[arg(long)]
    department: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a realistic demo fleet into a new log file and print its summary.
    Demo {
        /// How many people (each with a laptop, some with a phone and a monitor).
        #[arg(long, default_value_t = 2000)]
        people: usize,
        /// The same seed gives the same fleet.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Import assets, people and locations from other tools.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Take in what monitoring agents report about the assets already in the log.
    #[command(subcommand)]
    Ingest(IngestCommand),
    /// Write every event as JSON Lines (readable back with `import jsonl`).
    Export {
        /// JSON Lines (the only format for now).
        #[arg(long, required = true)]
        jsonl: bool,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Record an event: `assetlog record shipped LAP-0042 to="Home of emp-7" cost="25.00 SGD"`.
    Record {
        /// The event type (ordered, received, shipped, delivered, assigned, ...; see docs/events.md).
        #[arg(value_name = "TYPE")]
        kind: String,
        /// The asset tag.
        tag: String,
        /// Payload fields as key=value (booleans: key=true).
        #[arg(value_name = "KEY=VALUE")]
        fields: Vec<String>,
        /// When it happened (default now).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Who records it.
        #[arg(long, default_value = "cli")]
        actor: String,
        /// Refuse unless the asset is at this version.
        #[arg(long)]
        expect_version: Option<u64>,
        /// Accept a serial that another asset already has (it will show in `duplicates`).
        #[arg(long)]
        allow_duplicate_serial: bool,
    },
    /// Data quality: assets with no country, department, price or serial,
    /// and serials on more than one asset.
    Gaps {
        #[command(flatten)]
        when: When,
    },
    /// End of life: assets whose life in a book ends between two dates, and
    /// the replacement budget (the same as `forecast`).
    Eol {
        #[arg(long)]
        book: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Serial numbers found on more than one asset (case and spaces ignored).
    Duplicates {
        #[command(flatten)]
        when: When,
    },
    /// Show an asset's events in time order.
    History { tag: String },
    /// Show one asset's current view (or at a date).
    Show {
        tag: String,
        #[command(flatten)]
        when: When,
    },
    /// List assets, filtered.
    Fleet {
        #[command(flatten)]
        filter: Filter,
        #[command(flatten)]
        when: When,
    },
    /// Counts by status and country, spend by currency, idle and overdue;
    /// with --by, asset counts and spend grouped by one or two dimensions.
    Summary {
        #[command(flatten)]
        when: When,
        /// Group by DIM[,DIM]: status, country, location, department, cost_centre,
        /// category, vendor, model (costs count where they arose).
        #[arg(long, value_name = "DIM[,DIM]")]
        by: Option<String>,
    },
    /// Cost of ownership: of one asset (with book values), or of the fleet by currency.
    Cost {
        /// One asset; without it, the fleet.
        tag: Option<String>,
        #[command(flatten)]
        when: When,
        /// Also total everything in this currency (needs --rates).
        #[arg(long, requires = "rates")]
        currency: Option<String>,
        /// Exchange rates: a CSV file with date,from,to,rate.
        #[arg(long)]
        rates: Option<PathBuf>,
        /// Useful life for book values, in months.
        #[arg(long, default_value_t = 36)]
        life_months: u32,
        /// Book values in this depreciation book (see `books`) instead of the
        /// fixed policy: of one asset, or of the fleet by currency (with --by,
        /// grouped; with --currency and --rates, also in one currency).
        #[arg(long)]
        book: Option<String>,
        /// The fleet's cost of ownership grouped by DIM[,DIM] (status, country,
        /// location, department, cost_centre, category, vendor, model).
        #[arg(long, value_name = "DIM[,DIM]", conflicts_with = "tag")]
        by: Option<String>,
    },
    /// A depreciation schedule for accountants, by fiscal year: no log needed.
    Depreciation {
        #[command(flatten)]
        rule: RuleArgs,
        /// The cost, e.g. "10000.00 USD".
        #[arg(long)]
        cost: String,
        /// The day placed in service.
        #[arg(long)]
        placed: String,
    },
    /// Depreciation books: dated rules per category (and country).
    Books {
        #[command(subcommand)]
        command: BooksCommand,
    },
    /// An asset's depreciation schedule in a book.
    Schedule {
        tag: String,
        #[arg(long)]
        book: String,
        #[command(flatten)]
        when: When,
    },
    /// Assets reaching the end of their life in a book between two dates, and
    /// the budget to replace them at the latest price of the same model.
    Forecast {
        #[arg(long)]
        book: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Assets in stock, or assigned and not seen, for N days or more.
    Idle {
        #[arg(long, default_value_t = 90)]
        days: i64,
        #[command(flatten)]
        when: When,
    },
    /// Devices in use (laptops, phones... not monitors) not seen by an agent
    /// or audit for N days or more, most days first.
    Unseen {
        #[arg(long, default_value_t = 30)]
        days: i64,
        /// Categories that check in (default: laptop,desktop,workstation,phone,tablet,server).
        #[arg(long, value_delimiter = ',')]
        checks_in: Option<Vec<String>>,
        #[command(flatten)]
        filter: Filter,
        #[command(flatten)]
        when: When,
    },
    /// Devices in use not patched for N days or more (or never), most days
    /// first; or, with --below, those whose installed version of a component
    /// is below a version (compared as versions: 2024.12 is after 2024.1).
    Unpatched {
        #[arg(long, default_value_t = 90)]
        days: i64,
        /// COMPONENT=VERSION, e.g. os=14.4 (os, firmware, or a patched
        /// application); lists devices below it or never reporting it.
        #[arg(long, conflicts_with = "days", value_name = "COMPONENT=VERSION")]
        below: Option<String>,
        /// Categories that check in (default: laptop,desktop,workstation,phone,tablet,server).
        #[arg(long, value_delimiter = ',')]
        checks_in: Option<Vec<String>>,
        #[command(flatten)]
        filter: Filter,
        #[command(flatten)]
        when: When,
    },
    /// Lead times: order_to_receipt, order_to_assignment, receipt_to_assignment,
    /// shipping, repair or return, with median and 90th percentile in days.
    Leadtime {
        flow: String,
        /// Group by country (where it ended), category, vendor, model, carrier or repairer.
        #[arg(long)]
        by: Option<String>,
        /// Flows that ended on or after this day (default a year ago).
        #[arg(long)]
        from: Option<String>,
        /// ... and on or before this day (default today).
        #[arg(long)]
        to: Option<String>,
    },
    /// Repair turnaround by repairer, and repair spend by the devices' vendor.
    Repairs {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
    /// What came of the return requests made in a window: on time, late,
    /// still open, lost; condition; redeployed; value still out.
    Recovery {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
    /// Warranties ending within N days of the date asked (default today), soonest first.
    Warranty {
        #[arg(long, default_value_t = 90)]
        within: i64,
        #[command(flatten)]
        when: When,
    },
    /// The fleet report: one self-contained HTML page with charts (status by
    /// country, utilization over time, age, spend by month, book value and
    /// end of life, repair and delivery times) and the lists to act on.
    Report {
        /// The HTML file to write.
        #[arg(long, value_name = "FILE")]
        html: PathBuf,
        /// The day the report describes (default today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Convert money into this currency (needs --rates).
        #[arg(long, requires = "rates")]
        currency: Option<String>,
        /// Exchange rates: a CSV file with date,from,to,rate.
        #[arg(long, requires = "currency")]
        rates: Option<PathBuf>,
        /// The depreciation book (default the log's first).
        #[arg(long)]
        book: Option<String>,
    },
    /// Licenses and subscriptions: seats owned, used and free, the term and its cost.
    Licenses {
        #[command(flatten)]
        when: When,
    },
    /// One license: its term, costs and who holds its seats.
    License {
        tag: String,
        #[command(flatten)]
        when: When,
    },
    /// A license's key (a secret kept outside the log): show it, --set it or --forget it.
    LicenseKey {
        tag: String,
        /// Keep this key for the license.
        #[arg(long, value_name = "KEY", conflicts_with = "forget")]
        set: Option<String>,
        /// Erase the license's key.
        #[arg(long)]
        forget: bool,
    },
    /// What is installed against what is owned: per product, seats owned and assigned, installations, unlicensed copies, shelfware.
    Compliance {
        /// Only this product.
        #[arg(long)]
        product: Option<String>,
        /// A CSV of product,name,publisher: installed program names (patterns, `*` for any text) that count as a product.
        #[arg(long, value_name = "FILE")]
        map: Option<std::path::PathBuf>,
        #[command(flatten)]
        when: When,
    },
    /// Active licenses whose term ends in a window, and the renewal budget by currency.
    Renewals {
        /// The window's first day (default today).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The window's last day (default a year after --from).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Also the budget in this currency (needs --rates).
        #[arg(long, requires = "rates")]
        currency: Option<String>,
        /// A CSV of date,from,to,rate.
        #[arg(long, value_name = "FILE", requires = "currency")]
        rates: Option<PathBuf>,
        #[command(flatten)]
        when: When,
    },
    /// Seats that can be taken back: held by leavers, retired or lost devices, or (with --silent-days) devices not seen.
    Reclaim {
        /// Also devices not seen for this many days.
        #[arg(long, value_name = "DAYS")]
        silent_days: Option<i64>,
        #[command(flatten)]
        when: When,
    },
    /// License seats by department (a person's seats count for the department of the devices assigned to them) and what they cost for the current terms.
    Seats {
        #[command(flatten)]
        when: When,
    },
    /// Requested returns past their due date.
    Overdue {
        #[command(flatten)]
        when: When,
    },
    /// A person by id, e-mail or full name: status (active or left) and what they hold.
    Person {
        who: String,
        #[command(flatten)]
        when: When,
    },
    /// People who left; with --holding, only those still holding devices.
    People {
        /// Only people who have left (the only list so far; required).
        #[arg(long, required = true)]
        left: bool,
        /// Only those still holding something.
        #[arg(long)]
        holding: bool,
        #[command(flatten)]
        when: When,
    },
    /// Everything a person holds.
    Holder {
        person: String,
        #[command(flatten)]
        when: When,
    },
    /// Request back everything a person holds (one atomic batch).
    Offboard {
        person: String,
        /// The date it is due back (on or after the day they leave).
        #[arg(long)]
        due: String,
        /// When they left (default now); a date means the start of that day.
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
    },
    /// Erase a person's name, e-mail and address (the log keeps their id).
    Forget { person: String },
    /// Fold every view again from the log.
    Rebuild,
    /// Copy a whole log into an empty one, another file or a PostgreSQL server (and back): the same positions, event ids and recorded times, so the same chain head; then people, leavers, books and license keys.
    Copy {
        /// The log to copy: a file or a postgresql:// URL.
        #[arg(long, value_name = "DB")]
        from: PathBuf,
        /// The empty log to copy into: a new file or a postgresql:// URL (an empty schema: `schema=NAME`).
        #[arg(long, value_name = "DB")]
        to: PathBuf,
    },
    /// Check that no event was changed, removed or moved since it was written (exit 5 if one was).
    Verify {
        /// Also check that the log still extends this checkpoint file (written by
        /// `checkpoint`): a log cut short or replaced by an older copy fails (exit 5).
        #[arg(long, value_name = "FILE")]
        against: Option<std::path::PathBuf>,
    },
    /// Verify the log and write its position and chain head to FILE; keep it
    /// elsewhere and run `verify --against FILE` later.
    Checkpoint {
        /// Where to write the checkpoint.
        file: std::path::PathBuf,
    },
}

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum BooksCommand {
    /// Add a dated rule to a book (replacing one with the same book, category, country and date).
    Set {
        /// The book, e.g. ifrs or us-tax.
        book: String,
        #[arg(long)]
        category: String,
        /// Only assets in this country.
        #[arg(long)]
        country: Option<String>,
        /// The first day the rule applies to.
        #[arg(long)]
        from: String,
        #[command(flatten)]
        rule: RuleArgs,
    },
    /// List the rules of a book (or of every book), with their dates.
    List { book: Option<String> },
}

/// A depreciation rule from the command line.
#[derive(clap::Args)]
pub struct RuleArgs {
    /// straight-line, declining-balance, sum-of-years-digits, macrs or custom.
    #[arg(long)]
    method: String,
    /// Useful life in years (MACRS: the class, 3, 5, 7, 10, 15 or 20).
    #[arg(long, conflicts_with = "life_months")]
    life_years: Option<u32>,
    /// Useful life in months.
    #[arg(long)]
    life_months: Option<u32>,
    /// full-month (default), mid-month, half-year, mid-quarter or daily.
    #[arg(long)]
    convention: Option<String>,
    /// Salvage: an amount ("500.00 USD") or a percentage of the cost ("10%").
    #[arg(long)]
    salvage: Option<String>,
    /// Declining-balance factor in percent (default 200: double-declining).
    #[arg(long)]
    factor: Option<u32>,
    /// Declining balance without the switch to straight line.
    #[arg(long)]
    no_switch: bool,
    /// The month the fiscal year starts in (1-12, default 1).
    #[arg(long)]
    fiscal_year_start: Option<u32>,
    /// Custom: yearly percentages of the depreciable base, e.g. 40,30,20,10.
    #[arg(long, value_delimiter = ',')]
    percent: Option<Vec<String>>,
}

#[derive(Subcommand)]
enum IngestCommand {
    /// osqueryd result logs (filesystem logger JSON lines: differential,
    /// snapshot or batched): check-ins, OS versions and patches of the
    /// assets whose serials the hosts report (system_info); unknown hosts
    /// are listed. Reading a log again adds nothing.
    Osquery {
        /// The result logs (osqueryd.results.log...).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Queries whose rows are patches or installed programs (name and
        /// version columns), e.g. --patches programs,patches.
        #[arg(long, value_delimiter = ',')]
        patches: Vec<String>,
        /// Show what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A ticketing export (CSV from Jira, Zendesk, Freshservice or GLPI):
    /// ticket_opened and ticket_closed (with its cost) on the asset each
    /// ticket names by tag or serial; unmatched tickets are listed.
    Tickets {
        file: PathBuf,
        /// Read a field from another column: id=Ref, created="Opened on",
        /// asset=Device (fields: id, summary, created, resolved, asset,
        /// cost, currency, resolution).
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// Read the file in this encoding instead of detecting it.
        #[arg(long)]
        encoding: Option<String>,
        /// Show what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// A Snipe-IT assets export (with its users and locations exports, if you have them).
    Snipeit {
        /// The assets CSV.
        file: PathBuf,
        /// The users CSV (names and e-mails go to the people table).
        #[arg(long)]
        users: Option<PathBuf>,
        /// The locations CSV (countries and currencies).
        #[arg(long)]
        locations: Option<PathBuf>,
        /// Currency of costs whose location has none (reported when used).
        #[arg(long, default_value = "USD")]
        currency: String,
        /// Read the files in this encoding (windows-1252, macintosh, utf-16le...)
        /// instead of detecting it.
        #[arg(long)]
        encoding: Option<String>,
        /// A CSV of label,action mapping Snipe-IT status labels to none,
        /// in_repair, lost, stolen or retired.
        #[arg(long, value_name = "FILE")]
        status_map: Option<PathBuf>,
        /// Show what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write nothing if any row cannot be read.
        #[arg(long)]
        strict: bool,
    },
    /// A Snipe-IT licenses export (or its importer layout, one row per seat checked out): licenses, seats, product keys (kept as secrets).
    SnipeitLicenses {
        /// The licenses CSV.
        file: PathBuf,
        /// Currency of the purchase costs.
        #[arg(long, default_value = "USD")]
        currency: String,
        /// Read the file in this encoding instead of detecting it.
        #[arg(long)]
        encoding: Option<String>,
        /// Show what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Events as JSON Lines (as written by `export --jsonl`).
    Jsonl {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

/// A failure with its exit code.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl From<assetlog::Error> for Failure {
    fn from(e: assetlog::Error) -> Self {
        use assetlog::ErrorKind;
        // Refusals (bad input, conflict, not found, and any kind added later) exit 1.
        let code = match e.kind() {
            ErrorKind::Environment => 3,
            ErrorKind::Corrupt => 5,
            ErrorKind::Internal => 70,
            _ => 1,
        };
        Failure {
            code,
            message: format!("{} [{}]", e, e.code()),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        // `assetlog fleet | head`: the reader left; that is not an error.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure {
                code: 0,
                message: String::new(),
            };
        }
        Failure {
            code: 3,
            message: format!("cannot write output: {e}"),
        }
    }
}

fn main() -> ExitCode {
    // A bug must not show a backtrace to an IT admin: one line, exit 70.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error in assetlog ({info}); please report it");
    }));
    let cli = Cli::parse();
    let format = if cli.json {
        Format::Json
    } else if cli.csv {
        Format::Csv
    } else {
        Format::Table
    };
    match std::panic::catch_unwind(|| commands::run(&cli.db, cli.command, format)) {
        Ok(Ok(code)) => ExitCode::from(code),
        Ok(Err(f)) => {
            if !f.message.is_empty() {
                eprintln!("error: {}", f.message);
            }
            ExitCode::from(f.code)
        }
        Err(_) => ExitCode::from(70),
    }
}
