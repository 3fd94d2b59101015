# Make tests/reference/rake_reference.h, the expected values of libcsat's
# raking (csat_design_rake, include/csat/design.h): weights raked to three
# population margins, post-stratified to one, and trimmed, computed with
# R's survey package.
#
# Run from the source root (needs only R with the survey package):
#
#     Rscript tests/reference/make_rake_reference.R
#
# (from elsewhere: Rscript make_rake_reference.R <source root>).
#
# Data: the airline survey examples/data/airlinesat.csv (n = 1065); the
# margin variables, with the codes the C tests pass (0-based, in this
# order of the labels), have no missing label:
#   CLASS   flight_class: Business 0, Economy 1, First 2   (sample 185, 865, 15)
#   GENDER  gender: female 0, male 1                       (sample 280, 785)
#   STATUS  status: Blue 0, Silver 1, Gold 2               (sample 677, 245, 143)
# Made-up population totals, each margin summing to 10000 and all far from
# the sample's shares:
#   CLASS 2500, 7000, 500;  GENDER 4500, 5500;  STATUS 5500, 3000, 1500.
# Starting weights, on the 0-based row index i:
#   unit   1 each
#   W      w_i = 0.5 + (i %% 7) / 4   (0.5, 0.75, ..., 2: exact in binary)
#   W0     w_i, but 0 where i %% 11 == 3 (97 rows)
#
# Cases (d: a data frame of the codes as factors and the weights; pops: the
# three totals as data frames of the levels and Freq):
#   RAKE_UNIT        rake(svydesign(ids = ~1, data = d), list(~class, ~gender,
#                    ~status), pops, control = list(maxit = 50, epsilon = 1e-7))
#   RAKE_W           the same with svydesign(ids = ~1, weights = ~w, data = d)
#   RAKE_W0          the same with the weights W0
#   RAKE_W_RDEFAULT  RAKE_W with R's default control (maxit = 10, epsilon = 1:
#                    an absolute threshold)
#   POST_CLASS       postStratify(svydesign(ids = ~1, weights = ~w, data = d),
#                    ~class, pop_class)
#   TRIM_W           trimWeights(<RAKE_W>, upper = 30, lower = 2.5)
#   TRIM_W0          trimWeights over the rows of positive weight of RAKE_W0
#                    (a design of those rows with the raked weights), upper = 30,
#                    lower = 2.5; the rows of weight 0 stay 0. That is libcsat's
#                    rule: R's trimWeights on the whole design would count the
#                    rows of weight 0 as inside the bounds (lower = 2.5 raises
#                    them to 2.5; with lower <= 0 they get a part of the amount
#                    trimmed), which the header states below.
#   SWEEP1_W         rake(..., control = list(maxit = 1, epsilon = 1e-7)) on
#                    the weights W: no convergence after one sweep (R warns);
#                    the weights are not expected (libcsat leaves out
#                    untouched), only the change and the margin miss.
# For each raking, weights(...) of the result, and:
#   _SWEEPS      the sweeps libcsat reports (iterations): the smallest maxit
#                for which rake() does not warn "did not converge" (R's own
#                counter `iter` is this minus 1, as it counts only the
#                sweeps that did not converge);
#   _MAX_CHANGE  max |oldtable - newtable| of the last sweep, oldtable and
#                newtable the svytable(~class + gender + status) before and
#                after it (rake's delta);
#   _MAX_MISS    the largest |svytable(~v, design) - total| over every
#                category of every margin, after raking.
# Each case is cross-checked in the script (the script stops otherwise)
# against iterative proportional fitting written out below (ipf): the
# weights to 1e-12 relative, the sweeps exactly.

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."
csv_path <- file.path(root, "examples", "data", "airlinesat.csv")
out_path <- file.path(root, "tests", "reference", "rake_reference.h")
if (!file.exists(csv_path))
    stop("cannot find ", csv_path, "; run from the source root or give it as argument")

air <- read.csv(csv_path, stringsAsFactors = FALSE)
n <- nrow(air)
stopifnot(n == 1065)
i0 <- seq_len(n) - 1L # 0-based row index, as in C

# ---- data ------------------------------------------------------------------

class_levels <- c("Business", "Economy", "First")
gender_levels <- c("female", "male")
status_levels <- c("Blue", "Silver", "Gold")
class_codes <- match(air$flight_class, class_levels) - 1L
gender_codes <- match(air$gender, gender_levels) - 1L
status_codes <- match(air$status, status_levels) - 1L
stopifnot(!anyNA(class_codes), !anyNA(gender_codes), !anyNA(status_codes))

w <- 0.5 + (i0 %% 7) / 4
w0 <- ifelse(i0 %% 11 == 3, 0, w)

pop_class <- c(2500, 7000, 500)
pop_gender <- c(4500, 5500)
pop_status <- c(5500, 3000, 1500)
pop_total <- 10000
stopifnot(sum(pop_class) == pop_total, sum(pop_gender) == pop_total,
          sum(pop_status) == pop_total)

d <- data.frame(class = factor(class_codes, levels = 0:2),
                gender = factor(gender_codes, levels = 0:1),
                status = factor(status_codes, levels = 0:2),
                w = w, w0 = w0)
pops <- list(data.frame(class = factor(0:2), Freq = pop_class),
             data.frame(gender = factor(0:1), Freq = pop_gender),
             data.frame(status = factor(0:2), Freq = pop_status))
margins <- list(~class, ~gender, ~status)

des_unit <- suppressWarnings(svydesign(ids = ~1, data = d)) # "assuming equal probability"
des_w <- svydesign(ids = ~1, weights = ~w, data = d)
des_w0 <- svydesign(ids = ~1, weights = ~w0, data = d)

# ---- iterative proportional fitting written out ----------------------------

# The sweeps of rake(): post-stratify to each margin in turn, then compare
# the joint table with the one before the sweep. Returns the weights, the
# sweeps made, whether it converged, and the change of every sweep.
ipf <- function(wt, codes, totals, maxit, epsilon) {
    thr <- if (epsilon < 1) epsilon * sum(wt) else epsilon
    joint <- function(x) tapply(x, do.call(interaction, lapply(codes, factor)), sum)
    old <- joint(wt)
    deltas <- numeric(0)
    for (k in seq_len(maxit)) {
        for (v in seq_along(codes)) {
            s <- tapply(wt, factor(codes[[v]], levels = seq_along(totals[[v]]) - 1L), sum)
            f <- ifelse(s > 0, totals[[v]] / s, 1)
            wt <- wt * f[codes[[v]] + 1L]
        }
        new <- joint(wt)
        delta <- max(abs(old - new), na.rm = TRUE)
        deltas <- c(deltas, delta)
        if (delta < thr)
            return(list(w = wt, sweeps = k, converged = TRUE, delta = delta, deltas = deltas,
                        thr = thr))
        old <- new
    }
    list(w = wt, sweeps = maxit, converged = FALSE, delta = delta, deltas = deltas, thr = thr)
}

codes3 <- list(class_codes, gender_codes, status_codes)
totals3 <- list(pop_class, pop_gender, pop_status)

check_close <- function(a, b, what, tol = 1e-12) {
    ok <- (a == b) | abs(a - b) <= tol * pmax(abs(a), abs(b), 1e-300)
    if (!all(ok))
        stop(sprintf("cross-check failed for %s: %.17g vs %.17g", what, a[!ok][1], b[!ok][1]))
}

# ---- one raking -------------------------------------------------------------

joint_table <- function(des) svytable(~class + gender + status, des)

max_miss <- function(des, marg = margins, popl = pops) {
    m <- 0
    for (v in seq_along(marg)) {
        tab <- as.vector(svytable(marg[[v]], des))
        m <- max(m, abs(tab - popl[[v]]$Freq))
    }
    m
}

did_not_converge <- function(expr) {
    warned <- FALSE
    val <- withCallingHandlers(expr, warning = function(cond) {
        if (grepl("did not converge", conditionMessage(cond))) {
            warned <<- TRUE
            invokeRestart("muffleWarning")
        }
    })
    list(value = val, warned = warned)
}

run_rake <- function(name, des, start, marg, popl, codes, totals, maxit, epsilon,
                     control = list(maxit = maxit, epsilon = epsilon)) {
    full <- did_not_converge(rake(des, marg, popl, control = control))
    stopifnot(!full$warned)
    # Sweeps: the smallest maxit that converges; the designs after k - 1 and
    # k sweeps give the last change.
    sweeps <- NA
    prev <- des
    for (k in seq_len(maxit)) {
        rk <- did_not_converge(rake(des, marg, popl,
                                    control = list(maxit = k, epsilon = epsilon)))
        if (!rk$warned) {
            sweeps <- k
            break
        }
        prev <- rk$value
    }
    stopifnot(!is.na(sweeps))
    r <- full$value
    wr <- unname(weights(r))
    change <- max(abs(joint_table(prev) - joint_table(r)))
    thr <- if (epsilon < 1) epsilon * sum(start) else epsilon
    # The convergence decision must not hang on rounding: the last change is
    # clearly below the threshold, the one before clearly above.
    stopifnot(change < thr * (1 - 1e-6))
    if (sweeps > 1) {
        before <- did_not_converge(rake(des, marg, popl,
                                        control = list(maxit = sweeps - 1, epsilon = epsilon)))
        stopifnot(before$warned)
    }
    hand <- ipf(start, codes, totals, maxit, epsilon)
    stopifnot(hand$converged, hand$sweeps == sweeps)
    if (sweeps > 1)
        stopifnot(hand$deltas[sweeps - 1] > thr * (1 + 1e-6))
    check_close(wr, hand$w, paste(name, "weights vs ipf"))
    check_close(hand$delta, change, paste(name, "change vs ipf"), 1e-6)
    list(name = name, w = wr, sweeps = sweeps, change = change, miss = max_miss(r, marg, popl),
         thr = thr, design = r)
}

rk_unit <- run_rake("RAKE_UNIT", des_unit, rep(1, n), margins, pops, codes3, totals3,
                    50, 1e-7)
rk_w <- run_rake("RAKE_W", des_w, w, margins, pops, codes3, totals3, 50, 1e-7)
rk_w0 <- run_rake("RAKE_W0", des_w0, w0, margins, pops, codes3, totals3, 50, 1e-7)
rk_rdef <- run_rake("RAKE_W_RDEFAULT", des_w, w, margins, pops, codes3, totals3, 10, 1,
                    control = list(maxit = 10, epsilon = 1, verbose = FALSE))
# rake with R's own default control, without a control argument, is the same.
check_close(unname(weights(rake(des_w, margins, pops))), rk_rdef$w, "default control")
stopifnot(all(rk_w0$w[w0 == 0] == 0))

# Margins met to about epsilon after convergence.
for (cs in list(rk_unit, rk_w, rk_w0))
    stopifnot(cs$miss < 1e-7 * pop_total)

# Post-stratification to the class margin (exact in one step); rake with the
# one margin converges in its second sweep and gives the same weights.
ps <- postStratify(des_w, ~class, pops[[1]])
post_w <- unname(weights(ps))
check_close(as.vector(svytable(~class, ps)), pop_class, "post-stratified margin")
rk_post <- run_rake("POST_CLASS", des_w, w, list(~class), pops[1], list(class_codes),
                    list(pop_class), 50, 1e-7)
check_close(rk_post$w, post_w, "rake with one margin vs postStratify")

# One sweep: no convergence.
s1 <- did_not_converge(rake(des_w, margins, pops, control = list(maxit = 1, epsilon = 1e-7)))
stopifnot(s1$warned)
sweep1_change <- max(abs(joint_table(des_w) - joint_table(s1$value)))
sweep1_miss <- max_miss(s1$value)
sweep1_hand <- ipf(w, codes3, totals3, 1, 1e-7)
stopifnot(!sweep1_hand$converged)
check_close(sweep1_hand$delta, sweep1_change, "sweep 1 change vs ipf", 1e-9)

# Miss of a margin after one sweep, found by hand: which category.
miss_where <- function(des) {
    best <- c(-1, NA, NA)
    for (v in seq_along(margins)) {
        tab <- as.vector(svytable(margins[[v]], des))
        m <- abs(tab - pops[[v]]$Freq)
        if (max(m) > best[1])
            best <- c(max(m), v - 1, which.max(m) - 1)
    }
    best
}
sweep1_where <- miss_where(s1$value)

# Trimming.
trim_upper <- 30
trim_lower <- 2.5
tw <- trimWeights(rk_w$design, upper = trim_upper, lower = trim_lower)
trim_w <- unname(weights(tw))
trim_w_n <- sum(rk_w$w < trim_lower | rk_w$w > trim_upper)
stopifnot(trim_w_n > 0, any(rk_w$w < trim_lower), any(rk_w$w > trim_upper))
# By hand: clamp, then spread the amount over the rest.
clamped <- pmin(pmax(rk_w$w, trim_lower), trim_upper)
inside <- rk_w$w >= trim_lower & rk_w$w <= trim_upper
hand <- clamped
hand[inside] <- hand[inside] + sum(rk_w$w - clamped) / sum(inside)
check_close(trim_w, hand, "trim by hand")

pos <- w0 > 0
dpos <- d[pos, ]
dpos$wr <- rk_w0$w[pos]
tpos <- trimWeights(svydesign(ids = ~1, weights = ~wr, data = dpos), upper = trim_upper,
                    lower = trim_lower)
trim_w0 <- numeric(n)
trim_w0[pos] <- unname(weights(tpos))
trim_w0_n <- sum(dpos$wr < trim_lower | dpos$wr > trim_upper)
# What R's trimWeights does with the rows of weight 0 of the whole design.
tall <- unname(weights(trimWeights(rk_w0$design, upper = trim_upper, lower = trim_lower)))
r_zero_rows_lower <- unique(tall[!pos])
tall_up <- unname(weights(trimWeights(rk_w0$design, upper = trim_upper)))
r_zero_rows_share <- unique(tall_up[!pos])
stopifnot(length(r_zero_rows_lower) == 1, r_zero_rows_lower == trim_lower,
          length(r_zero_rows_share) == 1, r_zero_rows_share > 0)

# ---- header ----------------------------------------------------------------

fmt <- function(v) sprintf("%.17g", v)

# Values joined into lines of at most ~96 characters, indented by 4.
wrap <- function(items) {
    lines <- character(0)
    cur <- "   "
    for (s in items) {
        if (nchar(cur) + 1 + nchar(s) + 1 > 96) {
            lines <- c(lines, cur)
            cur <- "   "
        }
        cur <- paste0(cur, " ", s, ",")
    }
    c(lines, cur)
}

con <- file(out_path, "w")
emit <- function(...) cat(..., "\n", sep = "", file = con)
array <- function(type, name, items, comment = NULL) {
    if (!is.null(comment)) emit("/* ", comment, " */")
    emit("static const ", type, " ", name, "[", length(items), "] = {")
    for (l in wrap(items)) emit(l)
    emit("};")
    emit("")
}
define <- function(name, value) emit("#define ", name, " ", value)

rver <- paste0(R.version$major, ".", R.version$minor)
sver <- as.character(packageVersion("survey"))

emit("/*")
emit(" * Expected values for libcsat's raking (csat_design_rake, include/csat/design.h).")
emit(" * GENERATED FILE, do not edit. Made by tests/reference/make_rake_reference.R;")
emit(" * to remake it, from the source root:")
emit(" *")
emit(" *     Rscript tests/reference/make_rake_reference.R")
emit(" *")
emit(" * R ", rver, " (", R.version$version.string, "), survey ", sver, ".")
emit(" *")
emit(" * Data: examples/data/airlinesat.csv, n = ", n, " rows, 0-based row index i.")
emit(" *   DATA_RAKE_CLASS   flight_class: Business 0, Economy 1, First 2")
emit(" *   DATA_RAKE_GENDER  gender: female 0, male 1")
emit(" *   DATA_RAKE_STATUS  status: Blue 0, Silver 1, Gold 2")
emit(" *   DATA_RAKE_W       w_i = 0.5 + (i % 7) / 4")
emit(" *   DATA_RAKE_W0      w_i, but 0 where i % 11 == 3")
emit(" * Population totals (made up, each margin summing to ", pop_total, "): POP_RAKE_*.")
emit(" *")
emit(" * With d the data frame of the codes (factors class, gender, status) and")
emit(" * weights, and pops the three totals as data frames (levels, Freq):")
emit(" *   REF_RAKE_UNIT_W   weights(rake(svydesign(ids = ~1, data = d),")
emit(" *                         list(~class, ~gender, ~status), pops,")
emit(" *                         control = list(maxit = 50, epsilon = 1e-7)))")
emit(" *   REF_RAKE_W_W      the same from svydesign(ids = ~1, weights = ~w, data = d)")
emit(" *   REF_RAKE_W0_W     the same from the weights W0")
emit(" *   REF_RAKE_W_RDEFAULT_W  REF_RAKE_W_W with R's default control")
emit(" *                     (maxit = 10, epsilon = 1, absolute)")
emit(" *   REF_POST_CLASS_W  weights(postStratify(svydesign(ids = ~1, weights = ~w,")
emit(" *                         data = d), ~class, pops[[1]]))")
emit(" *                     (rake with the one margin gives them too, converging in")
emit(" *                     sweep REF_POST_CLASS_SWEEPS)")
emit(" *   REF_TRIM_W_W      weights(trimWeights(<rake of REF_RAKE_W_W>, upper = ",
     trim_upper, ", lower = ", trim_lower, "))")
emit(" *   REF_TRIM_W0_W     trimWeights (same bounds) over the rows of positive weight")
emit(" *                     of the rake of REF_RAKE_W0_W; rows of weight 0 stay 0.")
emit(" *                     R's trimWeights on the whole design counts a row of")
emit(" *                     weight 0 as a weight inside the bounds: with lower = ",
     trim_lower, " it")
emit(" *                     raises it to ", fmt(r_zero_rows_lower),
     ", with upper = ", trim_upper, " alone it gives it")
emit(" *                     ", fmt(r_zero_rows_share), " (a part of the amount trimmed).")
emit(" *   REF_SWEEP1_W_*    rake(..., control = list(maxit = 1, epsilon = 1e-7)) on")
emit(" *                     the weights W: no convergence after one sweep (R warns).")
emit(" * _SWEEPS: the sweeps made, the smallest maxit for which rake() does not warn")
emit(" *   \"did not converge\" (R's counter iter is one less when it converges).")
emit(" * _MAX_CHANGE: max |oldtable - newtable| of the last sweep, the tables being")
emit(" *   svytable(~class + gender + status) before and after it.")
emit(" * _THRESHOLD: epsilon x the sum of the starting weights (epsilon < 1), or epsilon.")
emit(" * _MAX_MISS: the largest |svytable(~v, raked) - total| over every category of")
emit(" *   every margin. _TRIMMED: weights outside [lower, upper] set to a bound.")
emit(" * Every raking is cross-checked in the script against iterative proportional")
emit(" * fitting written out (weights to 1e-12, sweeps exactly).")
emit(" * Values are printed with %.17g.")
emit(" */")
emit("#ifndef CSAT_RAKE_REFERENCE_H")
emit("#define CSAT_RAKE_REFERENCE_H")
emit("")
emit("#include <stddef.h>")
emit("#include <stdint.h>")
emit("")
define("DATA_RAKE_N", n)
define("POP_RAKE_TOTAL", pop_total)
emit("")
emit("/* ---- data ---- */")
emit("")
array("int32_t", "DATA_RAKE_CLASS", as.character(class_codes),
      "flight_class codes (Business 0, Economy 1, First 2).")
array("int32_t", "DATA_RAKE_GENDER", as.character(gender_codes),
      "gender codes (female 0, male 1).")
array("int32_t", "DATA_RAKE_STATUS", as.character(status_codes),
      "status codes (Blue 0, Silver 1, Gold 2).")
array("double", "DATA_RAKE_W", fmt(w), "Weights 0.5 + (i % 7) / 4.")
array("double", "DATA_RAKE_W0", fmt(w0), "The same, 0 where i % 11 == 3.")
array("double", "POP_RAKE_CLASS", fmt(pop_class), "Population totals of flight_class.")
array("double", "POP_RAKE_GENDER", fmt(pop_gender), "Population totals of gender.")
array("double", "POP_RAKE_STATUS", fmt(pop_status), "Population totals of status.")

emit("/* ---- expected values ---- */")
emit("")
emit_case <- function(cs, prefix, what) {
    emit("/* ", prefix, ": ", what, ". */")
    define(paste0(prefix, "_SWEEPS"), cs$sweeps)
    define(paste0(prefix, "_MAX_CHANGE"), fmt(cs$change))
    define(paste0(prefix, "_THRESHOLD"), fmt(cs$thr))
    define(paste0(prefix, "_MAX_MISS"), fmt(cs$miss))
    array("double", paste0(prefix, "_W"), fmt(cs$w))
}
emit_case(rk_unit, "REF_RAKE_UNIT", "unit starting weights, maxit 50, epsilon 1e-7")
emit_case(rk_w, "REF_RAKE_W", "starting weights W, maxit 50, epsilon 1e-7")
emit_case(rk_w0, "REF_RAKE_W0", "starting weights W0, maxit 50, epsilon 1e-7")
emit_case(rk_rdef, "REF_RAKE_W_RDEFAULT", "starting weights W, R's default maxit 10, epsilon 1")
emit("/* REF_POST_CLASS: postStratify on flight_class from the weights W. */")
define("REF_POST_CLASS_SWEEPS", rk_post$sweeps)
define("REF_POST_CLASS_MAX_CHANGE", fmt(rk_post$change))
define("REF_POST_CLASS_MAX_MISS", fmt(rk_post$miss))
array("double", "REF_POST_CLASS_W", fmt(post_w))
emit("/* REF_TRIM: trimWeights(upper = ", trim_upper, ", lower = ", trim_lower, "). */")
define("REF_TRIM_UPPER", fmt(trim_upper))
define("REF_TRIM_LOWER", fmt(trim_lower))
define("REF_TRIM_W_TRIMMED", trim_w_n)
array("double", "REF_TRIM_W_W", fmt(trim_w))
define("REF_TRIM_W0_TRIMMED", trim_w0_n)
array("double", "REF_TRIM_W0_W", fmt(trim_w0))
emit("/* REF_SWEEP1_W: one sweep from the weights W, epsilon 1e-7: no convergence.")
emit(" * _MISS_VAR: the margin of the largest miss (0-based); _MISS_CATEGORY: its")
emit(" * category in R, though with two categories (gender) both miss by the same")
emit(" * amount up to rounding. */")
define("REF_SWEEP1_W_MAX_CHANGE", fmt(sweep1_change))
define("REF_SWEEP1_W_MAX_MISS", fmt(sweep1_miss))
define("REF_SWEEP1_W_MISS_VAR", sweep1_where[2])
define("REF_SWEEP1_W_MISS_CATEGORY", sweep1_where[3])
emit("")
emit("#endif /* CSAT_RAKE_REFERENCE_H */")
close(con)

for (cs in list(rk_unit, rk_w, rk_w0, rk_rdef, rk_post))
    cat(sprintf("%-16s sweeps=%d change=%.4g threshold=%.4g miss=%.4g range=[%.4g, %.4g]\n",
                cs$name, cs$sweeps, cs$change, cs$thr, cs$miss, min(cs$w), max(cs$w)))
cat(sprintf("SWEEP1_W change=%.6g miss=%.6g (var %d, category %d); trimmed W %d, W0 %d\n",
            sweep1_change, sweep1_miss, sweep1_where[2], sweep1_where[3], trim_w_n, trim_w0_n))
cat("wrote ", out_path, "\n", sep = "")
