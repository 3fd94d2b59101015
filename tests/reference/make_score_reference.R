# Reference values for tests/test_score.c computed with R's survey package.
#
# Not run by hand: tests/reference/make_score_reference.py writes the data
# sets and a task list to a folder and runs
#
#     Rscript make_score_reference.R <folder> <airlinesat.csv>
#
# which prints one "key value" line per number, values as %.17g.
#
# Conventions (they are libcsat's, see doc/methods.md):
# - Missing answers (NA) are dropped *before* the design is built, so n is the
#   number of valid answers. (svymean(..., na.rm = TRUE) would keep them as an
#   out-of-domain part of the sample and count them in n.)
# - Weights of 0 stay in the design and count in n. svymean's linearised SE
#   does count them; svyvar() and degf() do not (they use the number of
#   non-zero weights n+). libcsat defines sd with n/(n-1) and df = n - 1 over
#   all valid answers, so sd is svyvar rescaled by (n/(n-1)) / (n+/(n+-1))
#   and the t interval uses df = n - 1. Without zero weights both factors
#   are exactly those of survey.

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
folder <- args[1]
airline_csv <- args[2]

out <- function(key, value) {
    cat(key, " ", sprintf("%.17g", value), "\n", sep = "")
}

read_set <- function(name) {
    read.csv(file.path(folder, paste0(name, ".csv")))
}

# Design of one-stage sampling with replacement, no strata: the design behind
# every weighted variance in libcsat.
design_of <- function(d, weighted) {
    if (!weighted) d$w <- 1
    svydesign(ids = ~1, weights = ~w, data = d)
}

# NPS: code promoters +1, passives 0, detractors -1 and take the weighted mean;
# Wald interval with the normal quantile, clipped to [-100, 100].
nps_task <- function(key, d, weighted, prom, det, level) {
    d <- d[!is.na(d$x), ]
    d$y <- ifelse(d$x >= prom, 1, ifelse(d$x <= det, -1, 0))
    d$is_prom <- as.numeric(d$x >= prom)
    d$is_det <- as.numeric(d$x <= det)
    d$is_pass <- 1 - d$is_prom - d$is_det
    des <- design_of(d, weighted)
    m <- svymean(~y, des)
    ci <- confint(m, level = level)
    out(paste0(key, ".score"), 100 * coef(m))
    out(paste0(key, ".se"), 100 * SE(m))
    out(paste0(key, ".ci_lower"), max(-100, 100 * ci[1]))
    out(paste0(key, ".ci_upper"), min(100, 100 * ci[2]))
    out(paste0(key, ".promoters"), coef(svymean(~is_prom, des)))
    out(paste0(key, ".passives"), coef(svymean(~is_pass, des)))
    out(paste0(key, ".detractors"), coef(svymean(~is_det, des)))
    out(paste0(key, ".n"), nrow(d))
}

# Weighted share of the answers in [lo, hi] (the point estimate only; the
# interval on Kish's n_eff is evaluated in the Python script).
share_task <- function(key, d, weighted, lo, hi) {
    d <- d[!is.na(d$x), ]
    d$inbox <- as.numeric(d$x >= lo & d$x <= hi)
    des <- design_of(d, weighted)
    out(paste0(key, ".share"), coef(svymean(~inbox, des)))
    out(paste0(key, ".count"), sum(d$inbox))
    out(paste0(key, ".n"), nrow(d))
}

# Mean with linearised SE, SD and a t interval with df = n - 1.
mean_task <- function(key, d, weighted, level) {
    d <- d[!is.na(d$x), ]
    n <- nrow(d)
    des <- design_of(d, weighted)
    m <- svymean(~x, des)
    if (!weighted) d$w <- 1
    npos <- sum(d$w != 0)
    v <- coef(svyvar(~x, des)) * (n / (n - 1)) / (npos / (npos - 1))
    ci <- confint(m, level = level, df = n - 1)
    out(paste0(key, ".score"), coef(m))
    out(paste0(key, ".sd"), sqrt(v))
    out(paste0(key, ".se"), SE(m))
    out(paste0(key, ".ci_lower"), ci[1])
    out(paste0(key, ".ci_upper"), ci[2])
    out(paste0(key, ".df"), n - 1)
    out(paste0(key, ".min"), min(d$x))
    out(paste0(key, ".max"), max(d$x))
    out(paste0(key, ".n"), n)
    if (!weighted) {
        # Without weights the same numbers come from base R's t.test and sd.
        tt <- t.test(d$x, conf.level = level)
        out(paste0(key, ".check_sd"), sd(d$x))
        out(paste0(key, ".check_ci_lower"), tt$conf.int[1])
        out(paste0(key, ".check_ci_upper"), tt$conf.int[2])
    }
}

# Count, sum of weights and weighted share per scale point.
dist_task <- function(key, d, weighted, smin, smax) {
    d <- d[!is.na(d$x), ]
    if (!weighted) d$w <- 1
    f <- factor(d$x, levels = smin:smax)
    counts <- as.vector(table(f))
    sums <- tapply(d$w, f, sum)
    sums[is.na(sums)] <- 0
    for (i in seq_along(counts)) {
        out(sprintf("%s.counts.%d", key, i - 1), counts[i])
        out(sprintf("%s.weights.%d", key, i - 1), sums[i])
        out(sprintf("%s.shares.%d", key, i - 1), sums[i] / sum(d$w))
    }
}

tasks <- read.table(file.path(folder, "tasks.txt"), header = FALSE,
                    stringsAsFactors = FALSE, fill = TRUE,
                    col.names = c("kind", "key", "set", "weighted", "a", "b", "c"))
for (i in seq_len(nrow(tasks))) {
    t <- tasks[i, ]
    d <- read_set(t$set)
    weighted <- t$weighted == 1
    switch(t$kind,
        nps = nps_task(t$key, d, weighted, t$a, t$b, t$c),
        share = share_task(t$key, d, weighted, t$a, t$b),
        mean = mean_task(t$key, d, weighted, t$a),
        dist = dist_task(t$key, d, weighted, t$a, t$b),
        stop("unknown task ", t$kind))
}

# Oddjob Airways survey: nps is stored as 1..11 (0..10 shifted by +1),
# overall_sat is 1..7. NPS with Wald interval, CSAT = top-2-box (6-7) with
# the Wilson interval (prop.test without continuity correction is the
# Wilson score interval), mean overall_sat with the t interval.
air <- read.csv(airline_csv)
groups <- list(all = rep(TRUE, nrow(air)),
               business = air$flight_class == "Business",
               economy = air$flight_class == "Economy",
               first = air$flight_class == "First")
for (g in names(groups)) {
    sub <- air[groups[[g]], ]
    d <- data.frame(x = sub$nps - 1, w = 1)
    nps_task(paste0("air.", g, ".nps"), d, FALSE, 9, 6, 0.95)
    sat <- sub$overall_sat[!is.na(sub$overall_sat)]
    top2 <- sum(sat >= 6)
    pt <- prop.test(top2, length(sat), conf.level = 0.95, correct = FALSE)
    key <- paste0("air.", g, ".csat")
    out(paste0(key, ".share"), top2 / length(sat))
    out(paste0(key, ".ci_lower"), 100 * pt$conf.int[1])
    out(paste0(key, ".ci_upper"), 100 * pt$conf.int[2])
    out(paste0(key, ".count"), top2)
    out(paste0(key, ".n"), length(sat))
    out(paste0(key, ".n_missing"), sum(is.na(sub$overall_sat)))
    out(paste0("air.", g, ".nps.n_missing"), sum(is.na(sub$nps)))
    mean_task(paste0("air.", g, ".mean"), data.frame(x = sub$overall_sat, w = 1), FALSE, 0.95)
}
