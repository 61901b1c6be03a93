//! The TypeScript declarations of every type that crosses IPC, generated from Rust into
//! ui/src/lib/bindings.ts. The test fails when the committed file drifts; `make bindings` rewrites it.

use matinee_core::error::LibraryProblem;
use matinee_core::model::*;
use matinee_core::review::{ReviewFilm, ReviewList, ReviewTheme, YearReview};
use matinee_core::stats::*;
use matinee_core::{ReviewFormat, ReviewWritten};
use ts_rs::{Config, TS};

use crate::commands::app::{About, Licence};
use crate::commands::catalogue::{BuildProgress, BuildReport, PackReady};
use crate::commands::download::DownloadInfo;
use crate::commands::transfer::{ImportProgress, ImportReady, Written};
use crate::error::{ErrorKind, IpcError};
use crate::settings::{DateFormat, Settings, Theme, WeekStart};
use crate::state::{AppStatus, StartupProblem};
use crate::sync::SyncEvent;

fn declaration<T: TS>(cfg: &Config) -> String {
    let mut out = String::new();
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push('\n');
    out
}

fn generate() -> String {
    let cfg = Config::new();
    let mut out = String::from(
        "// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit by hand.\n\n",
    );
    for decl in [
        declaration::<FilmKey>(&cfg),
        declaration::<SyncStatus>(&cfg),
        declaration::<SyncComputer>(&cfg),
        declaration::<SyncConflict>(&cfg),
        declaration::<SyncReport>(&cfg),
        declaration::<SyncEvent>(&cfg),
        declaration::<FilmKind>(&cfg),
        declaration::<Score>(&cfg),
        declaration::<Named>(&cfg),
        declaration::<PersonRef>(&cfg),
        declaration::<Poster>(&cfg),
        declaration::<Take>(&cfg),
        declaration::<UserPart>(&cfg),
        declaration::<FilmSummary>(&cfg),
        declaration::<RelatedKind>(&cfg),
        declaration::<TitleOrigin>(&cfg),
        declaration::<PackReady>(&cfg),
        declaration::<PackImported>(&cfg),
        declaration::<RelatedFilm>(&cfg),
        declaration::<FilmCard>(&cfg),
        declaration::<SeenFilter>(&cfg),
        declaration::<SearchQuery>(&cfg),
        declaration::<SearchPage>(&cfg),
        declaration::<FacetValue>(&cfg),
        declaration::<Facets>(&cfg),
        declaration::<PackInfo>(&cfg),
        declaration::<BackupInfo>(&cfg),
        declaration::<DataPaths>(&cfg),
        declaration::<LibraryProblem>(&cfg),
        declaration::<StartupProblem>(&cfg),
        declaration::<AppStatus>(&cfg),
        declaration::<ErrorKind>(&cfg),
        declaration::<IpcError>(&cfg),
        declaration::<ViewingId>(&cfg),
        declaration::<Viewing>(&cfg),
        declaration::<ViewingInput>(&cfg),
        declaration::<DiaryEntry>(&cfg),
        declaration::<DiaryQuery>(&cfg),
        declaration::<DiaryMonth>(&cfg),
        declaration::<Diary>(&cfg),
        declaration::<StatsQuery>(&cfg),
        declaration::<StatsFilm>(&cfg),
        declaration::<Count>(&cfg),
        declaration::<StatsPeriod>(&cfg),
        declaration::<StatsTotals>(&cfg),
        declaration::<YearCalendar>(&cfg),
        declaration::<RatingStep>(&cfg),
        declaration::<RankedEntry>(&cfg),
        declaration::<RankingKind>(&cfg),
        declaration::<Ranking>(&cfg),
        declaration::<Streak>(&cfg),
        declaration::<DatedFilm>(&cfg),
        declaration::<Milestone>(&cfg),
        declaration::<FilmMeasure>(&cfg),
        declaration::<CrowdFilm>(&cfg),
        declaration::<Crowd>(&cfg),
        declaration::<WatchlistMonth>(&cfg),
        declaration::<WatchlistStats>(&cfg),
        declaration::<Stats>(&cfg),
        declaration::<ReviewFilm>(&cfg),
        declaration::<ReviewList>(&cfg),
        declaration::<YearReview>(&cfg),
        declaration::<ReviewTheme>(&cfg),
        declaration::<ReviewFormat>(&cfg),
        declaration::<ReviewWritten>(&cfg),
        declaration::<ListId>(&cfg),
        declaration::<ListSummary>(&cfg),
        declaration::<ListMembership>(&cfg),
        declaration::<ListEntry>(&cfg),
        declaration::<ListDetail>(&cfg),
        declaration::<Tag>(&cfg),
        declaration::<TextPart>(&cfg),
        declaration::<NoteSource>(&cfg),
        declaration::<NoteHit>(&cfg),
        declaration::<RatingScale>(&cfg),
        declaration::<WeekStart>(&cfg),
        declaration::<DateFormat>(&cfg),
        declaration::<ImportSource>(&cfg),
        declaration::<CsvTarget>(&cfg),
        declaration::<CsvMapping>(&cfg),
        declaration::<ImportNote>(&cfg),
        declaration::<ImportCount>(&cfg),
        declaration::<ImportPreview>(&cfg),
        declaration::<ImportOutcome>(&cfg),
        declaration::<ImportReady>(&cfg),
        declaration::<ImportProgress>(&cfg),
        declaration::<Written>(&cfg),
        declaration::<CatalogueStatus>(&cfg),
        declaration::<BuildProgress>(&cfg),
        declaration::<BuildReport>(&cfg),
        declaration::<Theme>(&cfg),
        declaration::<Settings>(&cfg),
        declaration::<DatasetFileState>(&cfg),
        declaration::<DatasetFilePlan>(&cfg),
        declaration::<DownloadPlan>(&cfg),
        declaration::<DownloadProgress>(&cfg),
        declaration::<DownloadedFile>(&cfg),
        declaration::<DownloadReport>(&cfg),
        declaration::<DownloadInfo>(&cfg),
        declaration::<Licence>(&cfg),
        declaration::<About>(&cfg),
        declaration::<TonightQuery>(&cfg),
        declaration::<PickReasonKind>(&cfg),
        declaration::<PickReason>(&cfg),
        declaration::<TonightPick>(&cfg),
        declaration::<TonightPicks>(&cfg),
        declaration::<NotTonight>(&cfg),
        declaration::<Companion>(&cfg),
        declaration::<Suggestion>(&cfg),
        declaration::<ForYouKind>(&cfg),
        declaration::<ForYouShelf>(&cfg),
        declaration::<OwnTake>(&cfg),
        declaration::<OwnPack>(&cfg),
    ] {
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let fresh = generate();
    if std::env::var_os("MATINEE_UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).expect("write bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is out of date with the Rust types: run `make bindings` and commit the result"
    );
}
