# Make tests/reference/groups_reference.h, the expected values of libcsat's
# grouped scores (include/csat/groups.h): NPS and mean by group, unweighted
# and weighted, computed with R's survey package as domain estimates.
#
# Run from the source root (needs only R with the survey package):
#
#     Rscript tests/reference/make_groups_reference.R
#
# (from elsewhere: Rscript make_groups_reference.R <source root>).
#
# Data: the airline survey examples/data/airlinesat.csv (n = 1065), as the C
# tests read it (tests/survey_csv.c, tests/test_score.c):
#   NPS answer x = nps - 1 (nps is stored as 1..11, the 0..10 scale + 1);
#     promoters 9-10, detractors 0-6; y = 100 (promoter - detractor)
#   mean: overall_sat (1..7) as it is
# The columns have no missing answers.
#
# Segmentations (group codes 0..G-1 in the order of the rows, -1 = no group):
#   CLASS    flight_class: Business 0, Economy 1, First 2 (the positions
#            test_score.c gives survey_csv_codes); no missing label.
#   COUNTRY  country: at 0, ch 1, de 2, fr 3, us 4 (fr has 1 respondent,
#            row 3), plus two changes made by a rule on the 0-based row
#            index i, so that a group of 2 and rows without a group occur:
#              i %% 500 == 123 (rows 123, 623)  -> code 5, synthetic "tiny2"
#              i %% 400 == 399 (rows 399, 799)  -> code -1 (label NA)
# Weights (weighted cases): w_i = 0.5 + (i %% 7) / 4 on the 0-based row index
# (0.5, 0.75, ..., 2: exact in binary).
#
# An extra data set, NPS_MISS: the NPS answers with x_i = NaN when
# i %% 37 == 5 (29 rows, none of rows 3, 123, 623), scored by COUNTRY, to
# check that missing answers leave the domain sample size N.
#
# Every array is written into the header (DATA_*), so the C tests feed
# exactly the numbers R saw.
#
# Estimates: for each case
#     svyby(~y, ~group, svydesign(ids = ~1, weights = ~w, data = d), svymean,
#           na.rm = TRUE)
# (unweighted: svydesign(ids = ~1, data = d), every weight 1), i.e. domain
# estimation: each group is a subpopulation of the design, and the
# linearised SE carries the factor N/(N - 1) of the whole design's N, not
# the group's n/(n - 1).
#
# Convention (libcsat's, lib/accum/grouped.h: "the sample size N of domain
# estimation: the valid answers of the whole sample (every group)"; and
# tests/reference/make_score_reference.R): rows with a missing answer or
# without a group are dropped *before* the design is built. survey keeps the
# N of the data given to svydesign through every subset (fpc$sampsize), so
# passing such rows to svydesign and relying on na.rm = TRUE would count
# them in N. The header gives that N per case (..._DESIGN_N).
#
# Cross-checks (the script stops if one fails, relative 1e-12): each svyby
# score equals the weighted mean of the group computed by hand, and each SE
# equals the domain linearisation written out:
#     z_i = w_i (y_i - ybar_d) 1[i in d] / sum_{d} w,
#     SE^2 = N/(N - 1) sum_i (z_i - zbar)^2   (over all N rows of the design).

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."
csv_path <- file.path(root, "examples", "data", "airlinesat.csv")
out_path <- file.path(root, "tests", "reference", "groups_reference.h")
if (!file.exists(csv_path))
    stop("cannot find ", csv_path, "; run from the source root or give it as argument")

air <- read.csv(csv_path, stringsAsFactors = FALSE)
n <- nrow(air)
stopifnot(n == 1065)
i0 <- seq_len(n) - 1L # 0-based row index, as in C

# ---- data ------------------------------------------------------------------

nps_x <- as.numeric(air$nps) - 1
sat_x <- as.numeric(air$overall_sat)
stopifnot(all(is.na(nps_x) | (nps_x >= 0 & nps_x <= 10)),
          all(is.na(sat_x) | (sat_x >= 1 & sat_x <= 7)))
nps_miss_x <- ifelse(i0 %% 37 == 5, NA_real_, nps_x)

w <- 0.5 + (i0 %% 7) / 4

class_levels <- c("Business", "Economy", "First")
class_codes <- match(air$flight_class, class_levels) - 1L
class_codes[is.na(class_codes)] <- -1L

country_levels <- c("at", "ch", "de", "fr", "us", "tiny2")
country_codes <- match(air$country, country_levels[1:5]) - 1L
country_codes[is.na(country_codes)] <- -1L
country_codes[i0 %% 500 == 123] <- 5L
country_codes[i0 %% 400 == 399] <- -1L
stopifnot(nps_miss_x[c(4, 124, 624)] == nps_x[c(4, 124, 624)])

nps_code <- function(x) 100 * (as.numeric(x >= 9) - as.numeric(x <= 6))

# ---- one case --------------------------------------------------------------

check_close <- function(a, b, what) {
    ok <- (a == b) | abs(a - b) <= 1e-12 * pmax(abs(a), abs(b), 1e-300)
    if (!all(ok))
        stop(sprintf("cross-check failed for %s: %.17g vs %.17g", what, a[!ok][1], b[!ok][1]))
}

# y: values per row (NA missing); codes: group code per row (-1 none);
# G groups; weighted: use w. Returns score, se, n, sum of weights per group.
run_case <- function(name, y, codes, G, weighted) {
    keep <- !is.na(y) & codes >= 0
    d <- data.frame(y = y[keep], group = factor(codes[keep], levels = 0:(G - 1)),
                    w = if (weighted) w[keep] else 1)
    stopifnot(all(table(d$group) > 0)) # svyby gives no row for an empty group
    des <- if (weighted) svydesign(ids = ~1, weights = ~w, data = d)
           else suppressWarnings(svydesign(ids = ~1, data = d)) # "assuming equal probability"
    r <- svyby(~y, ~group, des, svymean, na.rm = TRUE)
    stopifnot(identical(as.character(r$group), as.character(0:(G - 1))))
    score <- unname(coef(r))
    se <- unname(SE(r))
    nn <- as.vector(table(d$group))
    sw <- as.vector(tapply(d$w, d$group, sum))

    # Cross-check with the domain linearisation written out.
    N <- nrow(d)
    for (g in 0:(G - 1)) {
        ing <- d$group == g
        m <- sum(d$w[ing] * d$y[ing]) / sum(d$w[ing])
        z <- ifelse(ing, d$w * (d$y - m) / sum(d$w[ing]), 0)
        s <- sqrt(N / (N - 1) * sum((z - mean(z))^2))
        check_close(score[g + 1], m, paste(name, "score", g))
        if (se[g + 1] > 1e-12 * max(abs(score)) || s > 1e-12 * max(abs(score)))
            check_close(se[g + 1], s, paste(name, "se", g))
    }
    list(name = name, G = G, score = score, se = se, n = nn, sw = sw, N = N,
         weighted = weighted)
}

cases <- list(
    run_case("NPS_CLASS", nps_code(nps_x), class_codes, 3, FALSE),
    run_case("NPS_CLASS_W", nps_code(nps_x), class_codes, 3, TRUE),
    run_case("NPS_COUNTRY", nps_code(nps_x), country_codes, 6, FALSE),
    run_case("NPS_COUNTRY_W", nps_code(nps_x), country_codes, 6, TRUE),
    run_case("MEAN_CLASS", sat_x, class_codes, 3, FALSE),
    run_case("MEAN_CLASS_W", sat_x, class_codes, 3, TRUE),
    run_case("MEAN_COUNTRY", sat_x, country_codes, 6, FALSE),
    run_case("MEAN_COUNTRY_W", sat_x, country_codes, 6, TRUE),
    run_case("NPS_MISS_COUNTRY", nps_code(nps_miss_x), country_codes, 6, FALSE),
    run_case("NPS_MISS_COUNTRY_W", nps_code(nps_miss_x), country_codes, 6, TRUE)
)

# ---- header ----------------------------------------------------------------

fmt <- function(v) ifelse(is.na(v), "NAN", sprintf("%.17g", v))

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

rver <- paste0(R.version$major, ".", R.version$minor)
sver <- as.character(packageVersion("survey"))

emit("/*")
emit(" * Expected values for libcsat's grouped scores (include/csat/groups.h).")
emit(" * GENERATED FILE, do not edit. Made by tests/reference/make_groups_reference.R;")
emit(" * to remake it, from the source root:")
emit(" *")
emit(" *     Rscript tests/reference/make_groups_reference.R")
emit(" *")
emit(" * R ", rver, " (", R.version$version.string, "), survey ", sver, ".")
emit(" *")
emit(" * Every REF_GROUPS_* score and SE is, for data frame d (columns y, group, w):")
emit(" *     svyby(~y, ~group, svydesign(ids = ~1, weights = ~w, data = d), svymean,")
emit(" *           na.rm = TRUE)")
emit(" * unweighted: svydesign(ids = ~1, data = d). That is domain estimation: the SE")
emit(" * uses N/(N - 1) with N the rows of the whole design (..._DESIGN_N), not the")
emit(" * group's n/(n - 1). Rows with a missing answer or without a group (code -1)")
emit(" * are dropped before the design is built, so N counts the valid answers that")
emit(" * have a group (libcsat's csat_grouped_design_n); passed to svydesign they")
emit(" * would count in N. Each score and SE is cross-checked in the script against")
emit(" * the weighted group mean and the domain linearisation written out (1e-12).")
emit(" *")
emit(" * Data: examples/data/airlinesat.csv, n = ", n, " rows, 0-based row index i.")
emit(" *   DATA_GROUPS_NPS_X   nps - 1 (0..10); y = 100 (x >= 9) - 100 (x <= 6)")
emit(" *                       (REF_*_SCORE in NPS points, promoters 9-10, detractors 0-6)")
emit(" *   DATA_GROUPS_NPS_MISS_X  the same with NAN where i % 37 == 5")
emit(" *   DATA_GROUPS_SAT_X   overall_sat (1..7), y = x (mean score)")
emit(" *   DATA_GROUPS_W       w_i = 0.5 + (i % 7) / 4")
emit(" *   DATA_GROUPS_CLASS_CODES    flight_class: Business 0, Economy 1, First 2")
emit(" *   DATA_GROUPS_COUNTRY_CODES  country: at 0, ch 1, de 2, fr 3 (one respondent),")
emit(" *                       us 4; then code 5 (synthetic, 2 respondents) where")
emit(" *                       i % 500 == 123, and -1 (no group) where i % 400 == 399")
emit(" * _N: valid answers of each group; _SUMW: their sum of weights.")
emit(" * Values are printed with %.17g.")
emit(" */")
emit("#ifndef CSAT_GROUPS_REFERENCE_H")
emit("#define CSAT_GROUPS_REFERENCE_H")
emit("")
emit("#include <math.h>")
emit("#include <stddef.h>")
emit("#include <stdint.h>")
emit("")
emit("#define DATA_GROUPS_N ", n)
emit("#define REF_GROUPS_CLASS_G 3")
emit("#define REF_GROUPS_COUNTRY_G 6")
emit("")
emit("/* ---- data ---- */")
emit("")
array("double", "DATA_GROUPS_NPS_X", fmt(nps_x), "NPS answers on 0..10 (nps - 1).")
array("double", "DATA_GROUPS_NPS_MISS_X", fmt(nps_miss_x),
      "NPS answers with NAN where i % 37 == 5.")
array("double", "DATA_GROUPS_SAT_X", fmt(sat_x), "overall_sat, 1..7.")
array("double", "DATA_GROUPS_W", fmt(w), "Weights 0.5 + (i % 7) / 4.")
array("int32_t", "DATA_GROUPS_CLASS_CODES", as.character(class_codes),
      "flight_class codes (Business 0, Economy 1, First 2).")
array("int32_t", "DATA_GROUPS_COUNTRY_CODES", as.character(country_codes),
      "country codes (at 0, ch 1, de 2, fr 3, us 4, synthetic 5; -1 no group).")

emit("/* ---- expected values (svyby ... svymean) ---- */")
emit("")
for (cs in cases) {
    G <- cs$G
    emit("/* ", cs$name, ": ", if (cs$weighted) "weighted (DATA_GROUPS_W)" else "unweighted",
         ", design N = ", cs$N, ". */")
    emit("#define REF_GROUPS_", cs$name, "_DESIGN_N ", cs$N)
    array("double", paste0("REF_GROUPS_", cs$name, "_SCORE"), fmt(cs$score))
    array("double", paste0("REF_GROUPS_", cs$name, "_SE"), fmt(cs$se))
    array("size_t", paste0("REF_GROUPS_", cs$name, "_N"), as.character(cs$n))
    if (cs$weighted)
        array("double", paste0("REF_GROUPS_", cs$name, "_SUMW"), fmt(cs$sw))
}
emit("#endif /* CSAT_GROUPS_REFERENCE_H */")
close(con)

for (cs in cases)
    cat(sprintf("%-20s G=%d N=%d n=[%s] score=[%s]\n", cs$name, cs$G, cs$N,
                paste(cs$n, collapse = " "), paste(sprintf("%.4g", cs$score), collapse = " ")))
cat("wrote ", out_path, "\n", sep = "")
