#!/usr/bin/env bash
# Mutation testing of the code that keeps records trustworthy: the audit chain, digests and
# anchors (record/io/src/integrity.rs), the canonical form (record/src/canonical.rs), import
# (record/io/src/import.rs) and the reader of every struct it uses (record/src/members.rs),
# the compact text written on every change from the text before (record/src/compact.rs),
# the record's own readers and writers of dates, times of day and timestamps
# (record/src/types.rs), who receives what (core/src/copy.rs) and the sealing of drafts (src/autosave.rs: the key,
# seal, open and their context, and the journal's text and its replay; the browser-only
# parts are held by the browser and end-to-end tests SECURITY.md names). cargo-mutants plants one small bug at a time
# (an operator flipped, a function returning a default) and runs the host tests; a mutant
# the tests do not catch is "missed".
#
#   scripts/mutants.sh [MINUTES] [AREA...]   # default 240 minutes; areas: integrity
#                                            # canonical import reader compact dates
#                                            # copy sealing (default all)
#
# Bounded like scripts/fuzz.sh and not part of scripts/test.sh: every mutant is a rebuild
# and a run of the tests that hold its file (5 to 60 seconds each on two cores; about 390
# mutants in all). A build that takes over 3 minutes counts as a timeout: a mutant inside a
# `const fn` can leave the compiler evaluating a loop that never ends.
# When the time runs out the run stops and what it reached is reported; run an area on its
# own to finish it. Installs cargo-mutants from crates.io when missing. Results go to
# target/mutants/<area>/mutants.out/ (missed.txt, caught.txt, timeout.txt, unviable.txt).
# SECURITY.md ("Mutation testing") explains every mutant known to survive; the script exits
# 1 when one it does not list there is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac

minutes=${1:-240}
[[ "$minutes" =~ ^[0-9]+$ ]] || { echo "usage: scripts/mutants.sh [MINUTES] [AREA...]" >&2; exit 2; }
shift || true
areas=("$@")
[ ${#areas[@]} -gt 0 ] || areas=(integrity canonical import reader compact dates copy sealing)

if ! cargo mutants --version >/dev/null 2>&1; then
  echo "mutants: installing cargo-mutants (cargo install, a few minutes)"
  cargo install --locked cargo-mutants
fi

file_of() {
  case "$1" in
    integrity) echo record/io/src/integrity.rs ;;
    canonical) echo record/src/canonical.rs ;;
    import) echo record/io/src/import.rs ;;
    reader) echo record/src/members.rs ;;
    compact) echo record/src/compact.rs ;;
    dates) echo record/src/types.rs ;;
    copy) echo core/src/copy.rs ;;
    sealing) echo src/autosave.rs ;;
    *) echo "mutants: unknown area $1 (integrity canonical import reader compact dates copy sealing)" >&2; exit 2 ;;
  esac
}

# No debug information: every mutant links a dozen test binaries, and this halves it.
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
deadline=$((SECONDS + minutes * 60))
missed_any=0
for area in "${areas[@]}"; do
  file=$(file_of "$area")
  left=$((deadline - SECONDS))
  if [ "$left" -le 60 ]; then
    echo "mutants: out of time before $area"
    missed_any=1
    continue
  fi
  out=target/mutants/$area
  mkdir -p "$out"
  extra=()
  # Only the sealing and the journal's text: the rest of autosave.rs talks to the browser's
  # storage and is tested in the browser, which cargo-mutants cannot run per mutant.
  [ "$area" = sealing ] && extra=(--re 'DraftKey|sealing_context|is_expired|journal_text|replay')
  # Not the `const fn`s that turn a member's name into its wire name and its table's bits:
  # they run while compiling, where a mutant either fails to compile or loops in the
  # compiler until the build timeout, and what they produce is held whole by the record
  # crate's tests (each table's names and required members against the schema, and
  # `every_member_bit_and_key_is_checked`).
  [ "$area" = reader ] && extra=(--exclude-re '(camel_len|camel|text|required)( ->|$)')
  # Only the readers and writers of dates, times of day and timestamps of types.rs.
  [ "$area" = dates ] &&
    extra=(--re 'read_date|read_clock_time|read_timestamp|read_digits|put_date|put_time_of_day|put_timestamp|put_digits')
  # cargo-mutants runs `cargo test --package=<the mutated file's package>`; the tests that
  # hold these files are mostly the root crate's, so they are added as cargo arguments (its
  # own --test-workspace and --test-package leave the package as it is). Who receives what
  # is held by the tests of copies, the core, integrity and the fuzz corpus: only those are
  # built and run for copy.rs (the whole workspace's take several times as long, and the
  # rest never call the copy functions); the canonical form runs the integrity tests, import
  # its own, and the sealing the root crate's unit tests; integrity runs every test in the
  # workspace.
  # Naming test targets leaves out the unit tests of every package: --lib adds them back
  # (record-io's own tests of import, the record crate's of the canonical form, the core's
  # of copies).
  if [ "$area" = copy ]; then
    extra+=(--cargo-test-arg=--package=risk-sensible --cargo-test-arg=--lib)
    for test in copies core integrity fuzz_corpus; do extra+=(--cargo-test-arg="--test=$test"); done
  elif [ "$area" = canonical ]; then
    # The canonical form is held by the record crate's own tests and the root crate's
    # integrity tests (against an independent RFC 8785 implementation).
    extra+=(--cargo-test-arg=--package=risk-sensible --cargo-test-arg=--lib --cargo-test-arg=--test=integrity)
  elif [ "$area" = reader ]; then
    # The reader of every struct is held by the record crate's own tests (serde's derived
    # reader against the table, and each table against the schema) and the tests of import.
    extra+=(--cargo-test-arg=--package=risk-sensible --cargo-test-arg=--lib --cargo-test-arg=--test=import)
  elif [ "$area" = import ]; then
    # Import is held by record-io's own tests and the root crate's tests of import, the fuzz
    # corpus, integrity, the property tests, the command line and the version 1 migration
    # (in the copies tests).
    extra+=(--cargo-test-arg=--package=risk-sensible --cargo-test-arg=--lib)
    for test in import fuzz_corpus integrity properties cli copies; do extra+=(--cargo-test-arg="--test=$test"); done
  elif [ "$area" = compact ]; then
    # The compact text is held by the record crate's own tests of it, the property test that
    # writes it after every command of every sequence, and the core test of its escapes, each
    # comparing it with the whole text written afresh: only those run (the property tests'
    # whole file takes minutes per mutant in a debug build).
    extra+=(--cargo-test-arg=--package=risk-sensible --cargo-test-arg=--lib --cargo-test-arg=--test=properties --cargo-test-arg=--test=core)
    extra+=(--cargo-test-arg=-- --cargo-test-arg=compact::tests --cargo-test-arg=any_sequence_of_commands --cargo-test-arg=escapes_would)
  elif [ "$area" = dates ]; then
    # They are held by the property tests that compare them with `time`'s own parsing and
    # formatting, on texts near each form and on instants across the years it holds.
    extra+=(--cargo-test-arg=--package=risk-sensible --cargo-test-arg=--test=properties)
    extra+=(--cargo-test-arg=-- --cargo-test-arg=dates_ --cargo-test-arg=timestamps_)
  elif [ "$area" = sealing ]; then
    # The sealing's native tests are autosave.rs's own unit tests.
    extra+=(--cargo-test-arg=--lib)
  else
    extra+=(--cargo-test-arg=--workspace)
  fi
  echo "mutants: $area ($file), at most $((left / 60)) minutes"
  status=0
  timeout --signal=INT "$left" cargo mutants --workspace --file "$file" "${extra[@]}" \
    --jobs 1 --timeout 300 --build-timeout 180 --output "$out" --no-shuffle || status=$?
  results=$out/mutants.out
  for outcome in caught missed timeout unviable; do
    printf '  %-9s %s\n' "$outcome" "$(wc -l < "$results/$outcome.txt" 2>/dev/null || echo 0)"
  done
  # A missed mutant is fine only when SECURITY.md explains it (by file and function).
  if [ -s "$results/missed.txt" ]; then
    while IFS= read -r line; do
      # "replace > with >= in FUNCTION", or "replace FUNCTION -> TYPE with VALUE" (a
      # function's name may hold spaces: <impl Visitor<'de> for KeySeed>::expecting).
      function=$(sed -E 's/.* in (.+)$/\1/; t; s/.*replace (.+) -> .*/\1/' <<<"$line")
      if ! grep -qF "\`$file\` \`$function\`" SECURITY.md; then
        echo "  unexplained: $line"
        missed_any=1
      fi
    done < "$results/missed.txt"
  fi
  case "$status" in
    0|2|3) ;;  # cargo-mutants: 2 = some missed, 3 = some timed out
    124|130) echo "mutants: $area stopped at the time limit"; missed_any=1 ;;
    *) echo "mutants: $area failed (exit $status)"; exit "$status" ;;
  esac
done
exit "$missed_any"
