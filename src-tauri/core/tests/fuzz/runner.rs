//! The fuzz binary's runner: proptest cases in seeded chunks until a target's case count or time box is reached,
//! each case under a time bound (measured, with a watchdog for a case that never returns), panics turned into
//! failures and failing inputs shrunk, written out and reported with the figures of the run.
//!
//! Settings come from the environment: `MATINEE_FUZZ_CASES` (cases per target; each target has a small default
//! for `make test`), `MATINEE_FUZZ_SECONDS` (the time box per target), `MATINEE_FUZZ_SEED` (the run's seed, fixed
//! by default), `MATINEE_FUZZ_CASE_SECONDS` (the most one case may take).

use std::cell::{Cell, RefCell};
use std::fmt::Debug;
use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

/// The seed of a run when `MATINEE_FUZZ_SEED` names none: the default run is the same every time.
const DEFAULT_SEED: u64 = 0x6d61_7469_6e65_6500;
/// Cases per proptest run; each chunk has its own seed, derived from the run's seed, the target and the chunk.
const CHUNK: u32 = 64;
/// Failures after which a target stops looking for more (each one is shrunk, which takes time).
const MAX_FAILURES: usize = 3;

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(value.trim().parse().unwrap_or_else(|_| panic!("{name} must be a whole number, not '{value}'")))
}

/// The run's settings for one target.
pub struct Settings {
    pub cases: u64,
    pub time_box: Duration,
    pub seed: u64,
    pub case_bound: Duration,
}

impl Settings {
    pub fn for_target(default_cases: u64) -> Settings {
        Settings {
            cases: env_u64("MATINEE_FUZZ_CASES").unwrap_or(default_cases),
            time_box: Duration::from_secs(env_u64("MATINEE_FUZZ_SECONDS").unwrap_or(60)),
            seed: env_u64("MATINEE_FUZZ_SEED").unwrap_or(DEFAULT_SEED),
            case_bound: Duration::from_secs(env_u64("MATINEE_FUZZ_CASE_SECONDS").unwrap_or(10)),
        }
    }
}

/// A case in flight: its target, when it started and its input, for the watchdog.
struct InFlight {
    target: &'static str,
    started: Instant,
    input: String,
}

static IN_FLIGHT: Mutex<Vec<InFlight>> = Mutex::new(Vec::new());
static WATCHDOG: std::sync::Once = std::sync::Once::new();

/// Starts, once per process, the thread that ends the run when a case has not returned in three times its bound:
/// a hang is reported with its target and input rather than leaving the run waiting for ever.
fn start_watchdog(bound: Duration) {
    WATCHDOG.call_once(|| {
        let limit = bound * 3;
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_millis(500));
            let flights = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(f) = flights.iter().find(|f| f.started.elapsed() > limit) {
                // Written to stderr itself, past the test harness's capture, since the process ends here.
                let _ = writeln!(
                    std::io::stderr(),
                    "fuzz {}: a case has run for {:.0} s without returning (a hang); its input:\n{}",
                    f.target,
                    f.started.elapsed().as_secs_f64(),
                    f.input
                );
                std::process::exit(2);
            }
        });
    });
}

thread_local! {
    /// Where the last panic on this thread happened, for the failure report.
    static PANIC_AT: RefCell<String> = const { RefCell::new(String::new()) };
    /// True while proptest shrinks a failing input on this thread: its reruns are not counted as cases.
    static SHRINKING: Cell<bool> = const { Cell::new(false) };
    /// True while a case runs on this thread: its panics are the target's failures, reported by the runner.
    static IN_CASE: Cell<bool> = const { Cell::new(false) };
}

/// A panic hook that, inside a case, records where a panic happened and prints nothing: proptest catches the
/// panic, shrinks the input (panicking again many times) and the failure is reported once, with this place.
/// Outside a case (a test's own assertion) it prints as usual.
fn quiet_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let usual = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_CASE.with(Cell::get) {
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                usual(info);
            }
        }));
    });
}

/// What a target's run did.
pub struct Report {
    pub target: &'static str,
    pub cases: u64,
    pub deep: u64,
    pub failures: Vec<String>,
    pub slowest: Duration,
    pub elapsed: Duration,
}

impl Report {
    /// Prints the figures (the line `make fuzz` adds up) and fails the test on any failure.
    pub fn finish(self) {
        let line = format!(
            "fuzz {}: {} cases ({} deep), {} failures, slowest case {:.1} ms, {:.1} s",
            self.target,
            self.cases,
            self.deep,
            self.failures.len(),
            self.slowest.as_secs_f64() * 1000.0,
            self.elapsed.as_secs_f64()
        );
        // Straight to stderr so that `make fuzz` sees it with the harness's capture on or off.
        let _ = writeln!(std::io::stderr(), "{line}");
        assert!(
            self.failures.is_empty(),
            "{line}; every input must hold the target's properties:\n{}",
            self.failures.join("\n\n")
        );
    }
}

/// Counts a case's deeper checks (an import into a library and its round trip), for the report.
pub struct Deep(Cell<u64>);

impl Deep {
    pub fn add(&self) {
        if !SHRINKING.with(Cell::get) {
            self.0.set(self.0.get() + 1);
        }
    }
}

/// Runs `check` on inputs from `strategy` until the case count or the time box is reached. `materialise` turns a
/// failing (shrunk) input into the bytes written under the test target's scratch folder for a regression test.
pub fn run<S>(
    target: &'static str,
    default_cases: u64,
    strategy: S,
    materialise: impl Fn(&S::Value) -> Vec<u8>,
    check: impl Fn(&S::Value, &Deep) -> Result<(), String>,
) -> Report
where
    S: Strategy,
    S::Value: Debug + Clone + Send + 'static,
{
    quiet_panics();
    let settings = Settings::for_target(default_cases);
    start_watchdog(settings.case_bound);
    let started = Instant::now();
    let cases = Cell::new(0u64);
    let slowest = Cell::new(Duration::ZERO);
    let deep = Deep(Cell::new(0));
    let mut failures = Vec::new();
    let target_hash =
        target.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let mut chunk = 0u64;
    while cases.get() < settings.cases && started.elapsed() < settings.time_box && failures.len() < MAX_FAILURES {
        let left = settings.cases - cases.get();
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&settings.seed.to_le_bytes());
        seed[8..16].copy_from_slice(&target_hash.to_le_bytes());
        seed[16..24].copy_from_slice(&chunk.to_le_bytes());
        let config = Config {
            cases: u32::try_from(left.min(u64::from(CHUNK))).expect("a chunk fits"),
            failure_persistence: None,
            max_shrink_iters: 4096,
            max_shrink_time: 30_000,
            max_global_rejects: 100_000,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed));
        let shrinking = Cell::new(false);
        let result = runner.run(&strategy, |input| {
            if !shrinking.get() {
                cases.set(cases.get() + 1);
            }
            let flight = InFlight { target, started: Instant::now(), input: format!("{input:?}") };
            let begun = flight.started;
            IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner()).push(flight);
            IN_CASE.with(|c| c.set(true));
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&input, &deep)));
            IN_CASE.with(|c| c.set(false));
            IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner()).retain(|f| f.started != begun || f.target != target);
            let took = begun.elapsed();
            if took > slowest.get() {
                slowest.set(took);
            }
            let outcome = match outcome {
                Ok(o) => o,
                Err(payload) => {
                    let message = payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_default();
                    Err(format!("panicked at {}: {message}", PANIC_AT.with(|p| p.borrow().clone())))
                }
            };
            let outcome = outcome.and_then(|()| {
                if took > settings.case_bound {
                    Err(format!(
                        "took {:.1} s, more than the {} s a case may",
                        took.as_secs_f64(),
                        settings.case_bound.as_secs()
                    ))
                } else {
                    Ok(())
                }
            });
            if outcome.is_err() {
                shrinking.set(true);
                SHRINKING.with(|s| s.set(true));
            }
            outcome.map_err(TestCaseError::fail)
        });
        SHRINKING.with(|s| s.set(false));
        match result {
            Ok(()) => {}
            Err(TestError::Fail(reason, input)) => {
                let bytes = materialise(&input);
                let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures");
                std::fs::create_dir_all(&dir).expect("the scratch folder can be made");
                let file = dir.join(format!("{target}-{:016x}-{chunk}.bin", settings.seed));
                std::fs::write(&file, &bytes).expect("the failing input can be written");
                failures.push(format!(
                    "fuzz {target}: {reason}\n  minimal input: {input:?}\n  its bytes: {} (copy it under tests/fuzz-regressions/{target}/ once fixed)",
                    file.display()
                ));
            }
            Err(TestError::Abort(reason)) => failures.push(format!("fuzz {target}: the run was aborted: {reason}")),
        }
        chunk += 1;
    }
    Report {
        target,
        cases: cases.get(),
        deep: deep.0.get(),
        failures,
        slowest: slowest.get(),
        elapsed: started.elapsed(),
    }
}
