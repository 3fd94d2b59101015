# Make tests/reference/design_reference.h, the expected values of libcsat's
# survey-design functions (include/csat/design.h): scores of a design with
# their linearised standard errors and intervals, scores by group and each
# group against the rest, and key drivers of a design, computed with R's
# survey package.
#
# Run from the source root (needs only R with the survey package):
#
#     Rscript tests/reference/make_design_reference.R
#
# (from elsewhere: Rscript make_design_reference.R <source root>).
# The script is deterministic: it reads examples/data/airlinesat.csv and
# derives everything else from the 0-based row index i.
#
# Data: the airline survey examples/data/airlinesat.csv (n = 1065):
#   NPS_X       nps - 1 (0..10); y = 100 (x >= 9) - 100 (x <= 6), NPS points
#   SAT_X       overall_sat (1..7): CSAT = share of x >= 6 (scale 1..7,
#               satisfied_min 6); bottom-2 box = share of x <= 2; mean of x
#   SAT_MISS_X  overall_sat with NA where i %% 37 == 5 (29 rows)
#   CES_X       sat1 (1..7): CES effort = mean of x; low effort = share of x >= 5
#   AGE_X       age, a continuous value: its mean
#   INDEX_X     s1, s2, s3 (1..100, with missing answers), row-major; the
#               composite index of a row is
#                   r = sum_j v_j 100 (x_j - 1) / 99 / sum_j v_j,  v = (1, 2, 1)
#               (item_min 1, item_max 100); a row with any item NA is missing
#   DRIVERS_X   s1..s5 (with missing answers), row-major; outcome SAT_X
#   W           w_i = 0.5 + (i %% 7) / 4
#   STRATA      s_i = (i %/% 5) %% 8                        (8 strata, 0..7)
#   CLUSTER     c_i = (i %/% 40) %% 13 (0..12, reused in every stratum:
#               clusters nested within strata, R nest = TRUE, libcsat nest = 1)
#   CLUSTER_GLOBAL  13 s_i + c_i (globally unique PSU codes, nest = FALSE)
#   FPC         N_h = 13 (h + 2): population PSUs of stratum h (R fpc = ~N)
#   CLASS       flight_class: Business 0, Economy 1, First 2
#   LONELY_STRATA / LONELY_CLUSTER  s_i and c_i, except the 11 rows with
#               i %% 100 == 17, which get stratum 8 and cluster 0: stratum 8
#               has a single PSU
#
# Designs (data frame d holding the arrays above):
#   SIMPLE    svydesign(ids = ~1, data = d)                      (weights 1)
#   WEIGHTED  svydesign(ids = ~1, weights = ~w, data = d)
#   STRAT     svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)
#   CLUS      svydesign(ids = ~cl, strata = ~st, weights = ~w, nest = TRUE, data = d)
#   FPC       as CLUS with fpc = ~N
#   CLUS1     svydesign(ids = ~clg, weights = ~w, data = d)    (no strata)
#   LONELY_REMOVE, _CERTAINTY, _ADJUST, _AVERAGE
#             svydesign(ids = ~lcl, strata = ~lst, weights = ~w, nest = TRUE,
#                       data = d), every estimate evaluated under
#             options(survey.lonely.psu = "remove" / "certainty" / "adjust" /
#             "average")
#
# Scores of a design: svymean(~v, design, na.rm = TRUE) of each variable v
# (the NPS coding, the 0/1 indicators of the shares, the values of the
# means). With na.rm = TRUE survey drops the rows with a missing answer but
# keeps the design's PSU counts (fpc$sampsize), and onestrat pads the absent
# PSUs with zero totals: a row with a missing answer still counts as a row
# of its PSU, and every PSU counts (R's domain of the non-missing answers).
# That is libcsat's rule too.
# Intervals, as libcsat documents them (z = qnorm(0.975)):
#   NPS     Wald: est -/+ z SE, clipped to [-100, 100]
#   shares  Wilson on the design effective n m = p (1 - p) / SE^2 (the
#           number of valid rows when SE = 0):
#             centre (p + z^2/(2m)) / (1 + z^2/m),
#             half-width z sqrt(p (1 - p)/m + z^2/(4 m^2)) / (1 + z^2/m)
#   means   t: est -/+ qt(0.975, degf(design)) SE, degf of the whole design
# Design effective n of every score: NEFF = s2 / SE^2, s2 the weighted
# variance of the scored values over the valid rows,
# sum w (y - ybar)^2 / sum w (for a share p (1 - p), the m above).
#
# Domains (designs CLUS and STRAT), for y = NPS coding, CSAT indicator,
# overall_sat, age:
#   svyby(~y, ~class, design, svymean, na.rm = TRUE, covmat = TRUE)
# and for each class g the rest of the sample and the difference:
#   b <- svyby(~y, ~I(class == g), design, svymean, na.rm = TRUE, covmat = TRUE)
#   rest = the FALSE level of b; diff = svycontrast(b, c(-1, 1)) (levels
#   FALSE, TRUE: group minus rest), z = diff / SE, p = 2 pnorm(-|z|),
#   p adjusted by p.adjust(p, "holm") across the 3 classes.
#
# Key drivers (designs CLUS, STRAT, SIMPLE):
#   fit <- svyglm(overall_sat ~ s1 + s2 + s3 + s4 + s5, design)  (Gaussian;
#   svyglm drops the rows with an NA in any of these)
#   coef(fit), SE(fit), summary(fit)$coefficients (t, p), fit$df.residual
#   (= degf of the design of the complete rows + 1 - 6); and
#   lm(overall_sat ~ s1 + ... + s5, weights = w, data = d) for comparison.
#
# Cross-checks (the script stops if one fails, relative tolerance 1e-12):
# every svymean SE of every design, the SEs of the CLUS and STRAT domains,
# rests and differences, and the CLUS svyglm covariance are recomputed by the
# linearisation written out (hand_var below):
#   z_i = w_i (y_i - ybar) / sum w over the valid rows of the domain (0 for
#         rows with a missing answer or outside the domain), ybar and sum w
#         over those rows;
#   t_k = sum of z_i over the rows of PSU k;
#   Var = sum_h (1 - f_h) n_h / (n_h - 1) sum_{k in h} (t_k - tbar_h)^2,
#         n_h the PSUs of stratum h in the whole design (including PSUs
#         without a valid row, t = 0), tbar_h their mean, f_h = n_h / N_h
#         (0 without fpc);
#   a stratum with one PSU: remove/certainty 0; adjust (1 - f_h) t_k^2
#         (centred at 0); average: left out, and the sum over the other
#         strata multiplied by (strata) / (strata with more than one PSU).
# CLUS on CLUSTER_GLOBAL with nest = FALSE is checked to give the same SEs
# as CLUS, svyglm's coefficients to equal lm's (relative 1e-10), and R's
# default rule "fail" to refuse the lonely design in svymean.

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."
csv_path <- file.path(root, "examples", "data", "airlinesat.csv")
out_path <- file.path(root, "tests", "reference", "design_reference.h")
if (!file.exists(csv_path))
    stop("cannot find ", csv_path, "; run from the source root or give it as argument")

air <- read.csv(csv_path, stringsAsFactors = FALSE)
n <- nrow(air)
stopifnot(n == 1065)
i0 <- seq_len(n) - 1L # 0-based row index, as in C

# ---- data ------------------------------------------------------------------

nps_x <- as.numeric(air$nps) - 1
sat_x <- as.numeric(air$overall_sat)
sat_miss_x <- ifelse(i0 %% 37 == 5, NA_real_, sat_x)
ces_x <- as.numeric(air$sat1)
age_x <- as.numeric(air$age)
stopifnot(!anyNA(nps_x), !anyNA(sat_x), !anyNA(ces_x), !anyNA(age_x),
          all(nps_x >= 0 & nps_x <= 10), all(sat_x >= 1 & sat_x <= 7),
          all(ces_x >= 1 & ces_x <= 7))

index_items <- cbind(as.numeric(air$s1), as.numeric(air$s2), as.numeric(air$s3))
index_v <- c(1, 2, 1)
index_min <- 1
index_max <- 100
stopifnot(all(is.na(index_items) | (index_items >= index_min & index_items <= index_max)))
index_r <- as.vector((100 * (index_items - index_min) / (index_max - index_min)) %*% index_v) /
    sum(index_v) # NA where any item is NA

drivers_x <- cbind(as.numeric(air$s1), as.numeric(air$s2), as.numeric(air$s3),
                   as.numeric(air$s4), as.numeric(air$s5))

w <- 0.5 + (i0 %% 7) / 4
st <- (i0 %/% 5) %% 8
cl <- (i0 %/% 40) %% 13
clg <- st * 13 + cl
fpcN <- 13 * (st + 2)
class_levels <- c("Business", "Economy", "First")
class_codes <- match(air$flight_class, class_levels) - 1L
stopifnot(!anyNA(class_codes))
lonely_rows <- i0 %% 100 == 17
lst <- ifelse(lonely_rows, 8, st)
lcl <- ifelse(lonely_rows, 0, cl)

nps_code <- function(x) 100 * (as.numeric(x >= 9) - as.numeric(x <= 6))

d <- data.frame(
    y_nps = nps_code(nps_x),
    csat = as.numeric(sat_x >= 6),
    bottom2 = as.numeric(sat_x <= 2),
    sat = sat_x,
    sat_miss = sat_miss_x,
    ces = ces_x,
    low_effort = as.numeric(ces_x >= 5),
    age = age_x,
    index = index_r,
    overall_sat = sat_x,
    s1 = drivers_x[, 1], s2 = drivers_x[, 2], s3 = drivers_x[, 3],
    s4 = drivers_x[, 4], s5 = drivers_x[, 5],
    w = w, st = st, cl = cl, clg = clg, N = fpcN,
    class = class_codes, lst = lst, lcl = lcl)

# Measures: name, variable of d, kind (nps / share / mean), what it is.
measures <- list(
    list(name = "NPS", var = "y_nps", kind = "nps",
         what = "NPS (points) of NPS_X: svymean of 100 (x >= 9) - 100 (x <= 6)"),
    list(name = "CSAT", var = "csat", kind = "share",
         what = "CSAT of SAT_X (scale 1..7, satisfied_min 6): share of x >= 6"),
    list(name = "BOTTOM2", var = "bottom2", kind = "share",
         what = "bottom-2 box of SAT_X (1..7): share of x <= 2"),
    list(name = "SAT", var = "sat", kind = "mean", what = "mean of SAT_X"),
    list(name = "SAT_MISS", var = "sat_miss", kind = "mean", what = "mean of SAT_MISS_X"),
    list(name = "CES", var = "ces", kind = "mean", what = "CES effort: mean of CES_X"),
    list(name = "LOW_EFFORT", var = "low_effort", kind = "share",
         what = "CES low effort: share of CES_X >= 5"),
    list(name = "AGE", var = "age", kind = "mean", what = "mean of AGE_X"),
    list(name = "INDEX", var = "index", kind = "mean",
         what = "mean of the composite index of INDEX_X (items 1..100, weights 1, 2, 1)"))
measure_names <- vapply(measures, `[[`, "", "name")

z975 <- qnorm(0.975)

check_close <- function(a, b, what, tol = 1e-12) {
    a <- as.numeric(a)
    b <- as.numeric(b)
    ok <- (a == b) | abs(a - b) <= tol * pmax(abs(a), abs(b), 1e-300)
    if (length(ok) == 0 || anyNA(ok) || !all(ok))
        stop(sprintf("cross-check failed for %s: %.17g vs %.17g", what,
                     a[which(!ok | is.na(ok))[1]], b[which(!ok | is.na(ok))[1]]))
}

# ---- the linearisation written out -----------------------------------------

# Design variance of the totals of the per-row linearised values z (a matrix,
# one column per estimate; 0 outside the domain), for PSUs psu (globally
# unique codes) in strata strata, with population PSUs fpc (NULL: none) and
# a lonely-PSU rule.
hand_var <- function(z, strata, psu, fpc = NULL, lonely = "fail") {
    z <- as.matrix(z)
    p <- ncol(z)
    tot <- rowsum(z, psu, reorder = TRUE) # PSU totals (every PSU of the design)
    psu_ids <- as.numeric(rownames(tot))
    first <- match(psu_ids, psu)
    psu_st <- strata[first]
    psu_N <- if (is.null(fpc)) rep(Inf, length(first)) else fpc[first]
    v <- matrix(0, p, p)
    H <- length(unique(psu_st))
    lonely_h <- 0
    for (h in sort(unique(psu_st))) {
        k <- psu_st == h
        nh <- sum(k)
        Nh <- psu_N[k][1]
        one_f <- if (is.finite(Nh)) (Nh - nh) / Nh else 1 # 1 - f_h
        th <- tot[k, , drop = FALSE]
        if (nh > 1) {
            dev <- sweep(th, 2, colMeans(th))
            v <- v + one_f * nh / (nh - 1) * crossprod(dev)
        } else {
            lonely_h <- lonely_h + 1
            v <- v + switch(lonely,
                            remove = , certainty = 0 * crossprod(th),
                            adjust = one_f * crossprod(th),
                            average = 0 * crossprod(th),
                            stop("stratum ", h, " has one PSU"))
        }
    }
    if (lonely == "average" && lonely_h > 0)
        v <- v * H / (H - lonely_h)
    v
}

# Linearised values of the (domain) mean of y: 0 for NA rows and outside dom.
lin_mean <- function(y, w, dom = rep(TRUE, length(y))) {
    ok <- dom & !is.na(y)
    m <- sum(w[ok] * y[ok]) / sum(w[ok])
    ifelse(ok, w * (y - m) / sum(w[ok]), 0)
}

# ---- designs ---------------------------------------------------------------

designs <- list(
    list(name = "SIMPLE", rule = "fail",
         make = function() suppressWarnings(svydesign(ids = ~1, data = d)),
         call = "svydesign(ids = ~1, data = d)",
         w = rep(1, n), strata = rep(0, n), psu = i0, fpc = NULL),
    list(name = "WEIGHTED", rule = "fail",
         make = function() svydesign(ids = ~1, weights = ~w, data = d),
         call = "svydesign(ids = ~1, weights = ~w, data = d)",
         w = w, strata = rep(0, n), psu = i0, fpc = NULL),
    list(name = "STRAT", rule = "fail",
         make = function() svydesign(ids = ~1, strata = ~st, weights = ~w, data = d),
         call = "svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)",
         w = w, strata = st, psu = i0, fpc = NULL),
    list(name = "CLUS", rule = "fail",
         make = function() svydesign(ids = ~cl, strata = ~st, weights = ~w, nest = TRUE, data = d),
         call = "svydesign(ids = ~cl, strata = ~st, weights = ~w, nest = TRUE, data = d)",
         w = w, strata = st, psu = clg, fpc = NULL),
    list(name = "FPC", rule = "fail",
         make = function() svydesign(ids = ~cl, strata = ~st, weights = ~w, fpc = ~N,
                                     nest = TRUE, data = d),
         call = "svydesign(ids = ~cl, strata = ~st, weights = ~w, fpc = ~N, nest = TRUE, data = d)",
         w = w, strata = st, psu = clg, fpc = fpcN),
    list(name = "CLUS1", rule = "fail",
         make = function() svydesign(ids = ~clg, weights = ~w, data = d),
         call = "svydesign(ids = ~clg, weights = ~w, data = d)",
         w = w, strata = rep(0, n), psu = clg, fpc = NULL))
for (rule in c("remove", "certainty", "adjust", "average"))
    designs[[length(designs) + 1]] <- list(
        name = paste0("LONELY_", toupper(rule)), rule = rule,
        make = function() svydesign(ids = ~lcl, strata = ~lst, weights = ~w, nest = TRUE, data = d),
        call = paste0("svydesign(ids = ~lcl, strata = ~lst, weights = ~w, nest = TRUE, data = d)",
                      " with options(survey.lonely.psu = \"", rule, "\")"),
        w = w, strata = lst, psu = lst * 13 + lcl, fpc = NULL)

# Evaluate expr under a lonely-PSU rule.
with_rule <- function(rule, expr) {
    old <- options(survey.lonely.psu = rule)
    on.exit(options(old))
    expr
}

# One svymean: estimate, SE, interval, effective n.
score_of <- function(ms, des, ds, df) {
    s <- with_rule(ds$rule, svymean(as.formula(paste0("~", ms$var)), des, na.rm = TRUE))
    est <- unname(coef(s))
    se <- unname(SE(s))[1]
    y <- d[[ms$var]]
    ok <- !is.na(y)
    yb <- sum(ds$w[ok] * y[ok]) / sum(ds$w[ok])
    check_close(est, yb, paste(ds$name, ms$name, "estimate"))
    # hand SE
    v <- hand_var(lin_mean(y, ds$w), ds$strata, ds$psu, ds$fpc, ds$rule)
    check_close(se, sqrt(v[1, 1]), paste(ds$name, ms$name, "SE by hand"))
    s2 <- sum(ds$w[ok] * (y[ok] - yb)^2) / sum(ds$w[ok])
    neff <- if (se > 0) s2 / se^2 else sum(ok)
    if (ms$kind == "share") {
        check_close(s2, est * (1 - est), paste(ds$name, ms$name, "p(1-p)"))
        m <- if (se > 0) est * (1 - est) / se^2 else sum(ok)
        centre <- (est + z975^2 / (2 * m)) / (1 + z975^2 / m)
        half <- z975 * sqrt(est * (1 - est) / m + z975^2 / (4 * m^2)) / (1 + z975^2 / m)
        lo <- centre - half
        hi <- centre + half
    } else if (ms$kind == "nps") {
        lo <- max(-100, est - z975 * se)
        hi <- min(100, est + z975 * se)
    } else {
        tq <- qt(0.975, df)
        lo <- est - tq * se
        hi <- est + tq * se
    }
    list(est = est, se = se, lo = lo, hi = hi, neff = neff, nvalid = sum(ok))
}

domain_measures <- list(
    list(name = "NPS", var = "y_nps"), list(name = "CSAT", var = "csat"),
    list(name = "SAT", var = "sat"), list(name = "AGE", var = "age"))

# Domains of one design: by class, rest, difference.
domains_of <- function(des, ds) {
    res <- list()
    for (dm in domain_measures) {
        f <- as.formula(paste0("~", dm$var))
        b <- svyby(f, ~class, des, svymean, na.rm = TRUE, covmat = TRUE)
        stopifnot(identical(as.character(b$class), c("0", "1", "2")))
        est <- unname(coef(b))
        se <- unname(SE(b))
        rest_est <- rest_se <- diff <- diff_se <- numeric(3)
        y <- d[[dm$var]]
        for (g in 0:2) {
            ing <- d$class == g
            bg <- svyby(f, ~I(class == g), des, svymean, na.rm = TRUE, covmat = TRUE)
            stopifnot(identical(as.character(bg[, 1]), c("FALSE", "TRUE")))
            rest_est[g + 1] <- unname(coef(bg))[1]
            rest_se[g + 1] <- unname(SE(bg))[1]
            check_close(unname(coef(bg))[2], est[g + 1], paste(ds$name, dm$name, "group", g, "via I()"))
            check_close(unname(SE(bg))[2], se[g + 1], paste(ds$name, dm$name, "group SE", g, "via I()"))
            ct <- svycontrast(bg, c(-1, 1))
            diff[g + 1] <- unname(coef(ct))
            diff_se[g + 1] <- unname(SE(ct))
            # sign: group minus rest
            check_close(diff[g + 1], est[g + 1] - rest_est[g + 1],
                        paste(ds$name, dm$name, "diff sign", g))
            # by hand: the group, the rest and their difference
            zg <- lin_mean(y, ds$w, ing)
            zr <- lin_mean(y, ds$w, !ing)
            v <- hand_var(cbind(zg, zr, zg - zr), ds$strata, ds$psu, ds$fpc, ds$rule)
            check_close(se[g + 1], sqrt(v[1, 1]), paste(ds$name, dm$name, "group SE by hand", g))
            check_close(rest_se[g + 1], sqrt(v[2, 2]), paste(ds$name, dm$name, "rest SE by hand", g))
            check_close(diff_se[g + 1], sqrt(v[3, 3]), paste(ds$name, dm$name, "diff SE by hand", g))
            check_close(rest_est[g + 1], sum((ds$w * y)[!ing]) / sum(ds$w[!ing]),
                        paste(ds$name, dm$name, "rest estimate", g))
        }
        zst <- diff / diff_se
        p <- 2 * pnorm(-abs(zst))
        padj <- p.adjust(p, "holm")
        res[[dm$name]] <- list(est = est, se = se, rest_est = rest_est, rest_se = rest_se,
                               diff = diff, diff_se = diff_se, z = zst, p = p, padj = padj)
    }
    res
}

glm_formula <- overall_sat ~ s1 + s2 + s3 + s4 + s5
lm_fit <- lm(glm_formula, weights = w, data = d)
glm_complete <- complete.cases(d[, c("overall_sat", "s1", "s2", "s3", "s4", "s5")])

drivers_of <- function(des, ds) {
    fit <- svyglm(glm_formula, design = des)
    cf <- summary(fit)$coefficients
    coef_v <- unname(coef(fit))
    se_v <- unname(SE(fit))
    check_close(se_v, cf[, 2], paste(ds$name, "glm SE vs summary"))
    if (ds$name != "SIMPLE")
        check_close(coef_v, coef(lm_fit), paste(ds$name, "glm coef vs lm"), tol = 1e-10)
    check_close(fit$df.residual,
                degf(des[glm_complete, ]) + 1 - length(coef_v), paste(ds$name, "glm df"))
    check_close(nobs(fit), sum(glm_complete), paste(ds$name, "glm rows"))
    if (ds$name == "CLUS") {
        # sandwich by hand: u_i = w_i e_i x_i, Var(beta) = design var of sum u A^-1
        X <- cbind(1, drivers_x)[glm_complete, ]
        yy <- sat_x[glm_complete]
        ww <- ds$w[glm_complete]
        A <- crossprod(X, ww * X)
        beta <- solve(A, crossprod(X, ww * yy))
        check_close(beta, coef_v, "CLUS glm coef by hand", tol = 1e-10)
        e <- as.vector(yy - X %*% beta)
        u <- matrix(0, n, ncol(X))
        u[glm_complete, ] <- (ww * e * X) %*% solve(A)
        v <- hand_var(u, ds$strata, ds$psu, ds$fpc, ds$rule)
        check_close(sqrt(diag(v)), se_v, "CLUS glm SE by hand", tol = 1e-10)
    }
    list(coef = coef_v, se = se_v, t = unname(cf[, 3]), p = unname(cf[, 4]),
         df = fit$df.residual, nrows = nobs(fit))
}

results <- list()
for (ds in designs) {
    des <- ds$make()
    df <- degf(des)
    sampsize <- des$fpc$sampsize[, 1]
    strata_of <- des$strata[, 1]
    nh <- tapply(sampsize, strata_of, function(s) s[1])
    info <- list(df = df, psus = sum(nh), strata = length(nh), lonely = sum(nh == 1),
                 sumw = sum(weights(des)))
    check_close(info$psus, length(unique(ds$psu)), paste(ds$name, "PSUs"))
    check_close(info$strata, length(unique(ds$strata)), paste(ds$name, "strata"))
    check_close(df, info$psus - info$strata, paste(ds$name, "degf"))
    scores <- lapply(measures, function(ms) score_of(ms, des, ds, df))
    names(scores) <- measure_names
    r <- list(ds = ds, info = info, scores = scores)
    if (ds$name %in% c("CLUS", "STRAT"))
        r$domains <- domains_of(des, ds)
    if (ds$name %in% c("CLUS", "STRAT", "SIMPLE"))
        r$drivers <- drivers_of(des, ds)
    results[[ds$name]] <- r
}

# CLUS with global PSU codes and nest = FALSE is the same design.
{
    des_g <- svydesign(ids = ~clg, strata = ~st, weights = ~w, data = d)
    for (ms in measures) {
        a <- svymean(as.formula(paste0("~", ms$var)), des_g, na.rm = TRUE)
        check_close(SE(a), results$CLUS$scores[[ms$name]]$se,
                    paste("CLUS global codes, nest = FALSE,", ms$name))
    }
    check_close(degf(des_g), results$CLUS$info$df, "CLUS global codes degf")
}

# R's default rule "fail" accepts the lonely design in svydesign and refuses
# it in svymean.
{
    des_l <- svydesign(ids = ~lcl, strata = ~lst, weights = ~w, nest = TRUE, data = d)
    failed <- with_rule("fail", tryCatch({ svymean(~y_nps, des_l); FALSE },
                                         error = function(e) TRUE))
    if (!failed) stop("survey.lonely.psu = \"fail\" did not refuse the lonely design")
}

# The missing answers of SAT_MISS leave no cluster without a valid row, so in
# the clustered designs the degf of the valid rows equals the design's; in
# the designs of one PSU per row each missing row is a PSU less. The t
# intervals use the whole design's degf either way (libcsat's rule).
for (ds in designs) {
    des <- ds$make()
    lost <- if (ds$name %in% c("SIMPLE", "WEIGHTED", "STRAT")) sum(is.na(d$sat_miss)) else 0
    stopifnot(degf(des[!is.na(d$sat_miss), ]) == degf(des) - lost)
}

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
scalar <- function(name, value, comment = NULL) {
    emit("static const double ", name, " = ", fmt(value), ";",
         if (!is.null(comment)) paste0(" /* ", comment, " */") else "")
}

rver <- paste0(R.version$major, ".", R.version$minor)
sver <- as.character(packageVersion("survey"))

emit("/*")
emit(" * Expected values for libcsat's survey designs (include/csat/design.h).")
emit(" * GENERATED FILE, do not edit. Made by tests/reference/make_design_reference.R;")
emit(" * to remake it, from the source root:")
emit(" *")
emit(" *     Rscript tests/reference/make_design_reference.R")
emit(" *")
emit(" * R ", rver, " (", R.version$version.string, "), survey ", sver, ".")
emit(" * Values are printed with %.17g; NAN in a data array is a missing answer (R NA).")
emit(" *")
emit(" * ---- Data: examples/data/airlinesat.csv, n = ", n, " rows, 0-based row index i ----")
emit(" *   DATA_DESIGN_NPS_X       nps - 1 (0..10); y = 100 (x >= 9) - 100 (x <= 6)")
emit(" *   DATA_DESIGN_SAT_X       overall_sat (1..7); also the drivers' outcome")
emit(" *   DATA_DESIGN_SAT_MISS_X  overall_sat, NAN where i % 37 == 5 (",
     sum(is.na(sat_miss_x)), " rows)")
emit(" *   DATA_DESIGN_CES_X       sat1 (1..7)")
emit(" *   DATA_DESIGN_AGE_X       age (continuous)")
emit(" *   DATA_DESIGN_INDEX_X     [n * 3] row-major s1, s2, s3 (1..100, NAN missing);")
emit(" *                           index items: item_min 1, item_max 100, weights 1, 2, 1;")
emit(" *                           r = sum_j v_j 100 (x_j - 1) / 99 / sum_j v_j, a row")
emit(" *                           with any NAN item missing (",
     sum(is.na(index_r)), " rows)")
emit(" *   DATA_DESIGN_DRIVERS_X   [n * 5] row-major s1..s5 (NAN missing; ",
     sum(!glm_complete), " rows")
emit(" *                           incomplete); outcome DATA_DESIGN_SAT_X")
emit(" *   DATA_DESIGN_W           w_i = 0.5 + (i % 7) / 4")
emit(" *   DATA_DESIGN_STRATA      s_i = (i / 5) % 8 (8 strata, 0..7)")
emit(" *   DATA_DESIGN_CLUSTER     c_i = (i / 40) % 13 (0..12, reused in every stratum:")
emit(" *                           clusters nested in strata, R nest = TRUE, libcsat nest = 1)")
emit(" *   DATA_DESIGN_CLUSTER_GLOBAL  13 s_i + c_i (unique PSU codes: the same design")
emit(" *                           with nest = 0; checked in the script to give CLUS)")
emit(" *   DATA_DESIGN_FPC         N_h = 13 (h + 2): population PSUs of stratum h")
emit(" *                           (13 sampled in each: f_h = 13 / N_h)")
emit(" *   DATA_DESIGN_CLASS       flight_class: Business 0, Economy 1, First 2")
emit(" *   DATA_DESIGN_LONELY_STRATA / _LONELY_CLUSTER  s_i and c_i, except rows with")
emit(" *                           i % 100 == 17 (", sum(lonely_rows),
     " rows): stratum 8, cluster 0, so stratum 8")
emit(" *                           has a single PSU")
emit(" *")
emit(" * ---- Designs (data frame d of the arrays) ----")
for (ds in designs) {
    parts <- strsplit(ds$call, " with ", fixed = TRUE)[[1]]
    emit(" *   ", formatC(ds$name, width = -16, flag = "-"), " ", parts[1])
    if (length(parts) > 1)
        emit(" *   ", strrep(" ", 16), "   with ", parts[2])
}
emit(" *   The lonely designs are built with cluster codes nested (libcsat nest = 1) and")
emit(" *   the rule CSAT_LONELY_REMOVE / _CERTAINTY / _ADJUST / _AVERAGE. Under R's")
emit(" *   default rule \"fail\" svydesign accepts the lonely design and svymean stops.")
emit(" *   In survey ", sver, " (onestrat): remove and certainty make the lonely stratum")
emit(" *   contribute 0 (identical for a one-stage design); adjust adds the square of")
emit(" *   the lonely PSU's total, centred at 0, not at a mean; average leaves the")
emit(" *   stratum out and multiplies the sum of the others by (strata)/(strata with")
emit(" *   more than one PSU). degf counts the lonely PSU and its stratum (+1 - 1).")
emit(" *")
emit(" * ---- Scores: svymean(~y, design, na.rm = TRUE) ----")
emit(" * For each design D and measure M:")
emit(" *   REF_DESIGN_<D>_<M>_EST, _SE   estimate and SE (coef, SE of the svymean)")
emit(" *   REF_DESIGN_<D>_<M>_LO, _HI    interval at 95%, z = qnorm(0.975):")
emit(" *       NPS     Wald est -/+ z SE, clipped to [-100, 100]")
emit(" *       shares  Wilson on m = p (1 - p) / SE^2 (the valid rows when SE = 0):")
emit(" *               centre (p + z^2/(2m)) / (1 + z^2/m),")
emit(" *               half-width z sqrt(p (1 - p)/m + z^2/(4 m^2)) / (1 + z^2/m)")
emit(" *       means   t: est -/+ qt(0.975, REF_DESIGN_<D>_DEGF) SE")
emit(" *   REF_DESIGN_<D>_<M>_NEFF       design effective n s2 / SE^2, s2 = sum w (y - ybar)^2")
emit(" *                                 / sum w over the valid rows (p (1 - p) for a share)")
emit(" * Measures M (the variable y of svymean):")
for (ms in measures)
    emit(" *   ", formatC(ms$name, width = -11, flag = "-"), " (", ms$kind, ") ", ms$what)
emit(" * REF_DESIGN_<M>_NVALID: valid rows of measure M (the same in every design).")
emit(" * svymean(na.rm = TRUE) drops the rows with a missing answer but keeps the")
emit(" * design's PSU counts n_h: such rows still count as rows of their PSU, and a")
emit(" * PSU without a valid row would count with a zero total. The t intervals use")
emit(" * the whole design's degf (REF_DESIGN_<D>_DEGF) also for SAT_MISS and INDEX;")
emit(" * (R's degf of the valid rows is the same in the clustered designs, where every")
emit(" * cluster keeps a valid row, and smaller by the missing rows in SIMPLE, WEIGHTED")
emit(" * and STRAT, whose PSUs are the rows).")
emit(" * Per design: REF_DESIGN_<D>_DEGF = degf(design) (PSUs - strata),")
emit(" *   REF_DESIGN_<D>_PSUS, _STRATA, _LONELY (strata with one PSU), _SUMW.")
emit(" *")
emit(" * Each SE is checked in the script (1e-12) against the linearisation written out:")
emit(" *   z_i = w_i (y_i - ybar) / sum w over the valid rows of the domain (0 for a row")
emit(" *         with a missing answer or outside the domain; ybar, sum w over those rows)")
emit(" *   t_k = sum of z_i over the rows of PSU k")
emit(" *   Var = sum_h (1 - f_h) n_h / (n_h - 1) sum_{k in h} (t_k - tbar_h)^2,")
emit(" *         n_h all PSUs of stratum h in the whole design, tbar_h their mean,")
emit(" *         f_h = n_h / N_h (0 without fpc); lonely strata as above.")
emit(" *")
emit(" * ---- Domains (designs D = CLUS and STRAT; M = NPS, CSAT, SAT, AGE) ----")
emit(" *   svyby(~y, ~class, D, svymean, na.rm = TRUE, covmat = TRUE); for class g:")
emit(" *   b <- svyby(~y, ~I(class == g), D, svymean, na.rm = TRUE, covmat = TRUE)")
emit(" *   REF_DESIGN_<D>_BY_<M>_EST[3], _SE[3]            each class (the TRUE level)")
emit(" *   REF_DESIGN_<D>_BY_<M>_REST_EST[3], _REST_SE[3]  the other classes (FALSE level)")
emit(" *   REF_DESIGN_<D>_BY_<M>_DIFF[3], _DIFF_SE[3]      svycontrast(b, c(-1, 1)):")
emit(" *                                                   class minus rest")
emit(" *   REF_DESIGN_<D>_BY_<M>_DIFF_Z[3]                 DIFF / DIFF_SE")
emit(" *   REF_DESIGN_<D>_BY_<M>_DIFF_P[3]                 2 pnorm(-|z|)")
emit(" *   REF_DESIGN_<D>_BY_<M>_DIFF_PADJ[3]              p.adjust(DIFF_P, \"holm\")")
emit(" *   The difference's SE includes the covariance of class and rest (its")
emit(" *   linearised values are the class's minus the rest's); checked by hand.")
emit(" *")
emit(" * ---- Key drivers (designs D = CLUS, STRAT, SIMPLE) ----")
emit(" *   fit <- svyglm(overall_sat ~ s1 + s2 + s3 + s4 + s5, D)   (Gaussian; rows")
emit(" *   with an NA in any of these dropped: REF_DESIGN_GLM_NROWS complete rows)")
emit(" *   REF_DESIGN_<D>_GLM_COEF[6]  coef(fit), intercept first")
emit(" *   REF_DESIGN_<D>_GLM_SE[6]    SE(fit) (linearised sandwich)")
emit(" *   REF_DESIGN_<D>_GLM_T[6], _P[6]  summary(fit)$coefficients (t on _DF)")
emit(" *   REF_DESIGN_<D>_GLM_DF       fit$df.residual = degf(D[complete rows]) + 1 - 6")
emit(" *   REF_DESIGN_LM_W_COEF[6]     lm(overall_sat ~ s1 + ... + s5, weights = w, data = d)")
emit(" *   (equal to the CLUS and STRAT coefficients; SIMPLE is the unweighted fit).")
emit(" *   The CLUS covariance is checked by hand: A = X'WX, u_i = w_i e_i x_i A^-1,")
emit(" *   Var = the design variance of sum u_i (formula above; 1e-10).")
emit(" */")
emit("#ifndef CSAT_DESIGN_REFERENCE_H")
emit("#define CSAT_DESIGN_REFERENCE_H")
emit("")
emit("#include <math.h>")
emit("#include <stddef.h>")
emit("#include <stdint.h>")
emit("")
emit("#define DATA_DESIGN_N ", n)
emit("#define DATA_DESIGN_INDEX_K 3")
emit("#define DATA_DESIGN_DRIVERS_P 5")
emit("#define REF_DESIGN_CLASS_G 3")
emit("")
emit("/* ---- data ---- */")
emit("")
array("double", "DATA_DESIGN_NPS_X", fmt(nps_x), "NPS answers on 0..10 (nps - 1).")
array("double", "DATA_DESIGN_SAT_X", fmt(sat_x), "overall_sat, 1..7.")
array("double", "DATA_DESIGN_SAT_MISS_X", fmt(sat_miss_x), "overall_sat, NAN where i % 37 == 5.")
array("double", "DATA_DESIGN_CES_X", fmt(ces_x), "sat1, 1..7 (CES).")
array("double", "DATA_DESIGN_AGE_X", fmt(age_x), "age.")
array("double", "DATA_DESIGN_INDEX_X", fmt(as.vector(t(index_items))),
      "Index items s1, s2, s3 (1..100), row-major n x 3, NAN missing.")
emit("static const double DATA_DESIGN_INDEX_MIN[3] = { 1, 1, 1 };")
emit("static const double DATA_DESIGN_INDEX_MAX[3] = { 100, 100, 100 };")
emit("static const double DATA_DESIGN_INDEX_WEIGHTS[3] = { 1, 2, 1 };")
emit("")
array("double", "DATA_DESIGN_DRIVERS_X", fmt(as.vector(t(drivers_x))),
      "Drivers s1..s5 (1..100), row-major n x 5, NAN missing; outcome DATA_DESIGN_SAT_X.")
array("double", "DATA_DESIGN_W", fmt(w), "Weights 0.5 + (i % 7) / 4.")
array("int32_t", "DATA_DESIGN_STRATA", as.character(st), "Strata (i / 5) % 8.")
array("int32_t", "DATA_DESIGN_CLUSTER", as.character(cl),
      "Clusters (i / 40) % 13, nested in strata (nest = 1).")
array("int32_t", "DATA_DESIGN_CLUSTER_GLOBAL", as.character(clg),
      "Global PSU codes 13 s_i + c_i (nest = 0).")
array("double", "DATA_DESIGN_FPC", fmt(fpcN), "Population PSUs of the row's stratum h: 13 (h + 2).")
array("int32_t", "DATA_DESIGN_CLASS", as.character(class_codes),
      "flight_class codes (Business 0, Economy 1, First 2).")
array("int32_t", "DATA_DESIGN_LONELY_STRATA", as.character(lst),
      "Strata of the lonely design: s_i, 8 where i % 100 == 17.")
array("int32_t", "DATA_DESIGN_LONELY_CLUSTER", as.character(lcl),
      "Clusters of the lonely design (nested): c_i, 0 where i % 100 == 17.")

emit("/* ---- valid rows per measure ---- */")
emit("")
for (ms in measures)
    emit("#define REF_DESIGN_", ms$name, "_NVALID ", results$CLUS$scores[[ms$name]]$nvalid)
emit("#define REF_DESIGN_GLM_NROWS ", sum(glm_complete))
emit("")

emit("/* ---- scores of each design: svymean(~y, design, na.rm = TRUE) ---- */")
emit("")
for (r in results) {
    ds <- r$ds
    D <- paste0("REF_DESIGN_", ds$name)
    emit("/* ", ds$name, ": ", ds$call, " */")
    scalar(paste0(D, "_DEGF"), r$info$df)
    emit("#define ", D, "_PSUS ", r$info$psus)
    emit("#define ", D, "_STRATA ", r$info$strata)
    emit("#define ", D, "_LONELY ", r$info$lonely)
    scalar(paste0(D, "_SUMW"), r$info$sumw)
    for (ms in measures) {
        s <- r$scores[[ms$name]]
        P <- paste0(D, "_", ms$name)
        scalar(paste0(P, "_EST"), s$est)
        scalar(paste0(P, "_SE"), s$se)
        scalar(paste0(P, "_LO"), s$lo)
        scalar(paste0(P, "_HI"), s$hi)
        scalar(paste0(P, "_NEFF"), s$neff)
    }
    emit("")
}

emit("/* ---- domains: svyby(~y, ~class, ...), each class against the rest ---- */")
emit("")
for (r in results) {
    if (is.null(r$domains)) next
    D <- paste0("REF_DESIGN_", r$ds$name, "_BY_")
    for (dm in domain_measures) {
        x <- r$domains[[dm$name]]
        emit("/* ", r$ds$name, " by class: ", dm$name, " */")
        P <- paste0(D, dm$name)
        array("double", paste0(P, "_EST"), fmt(x$est))
        array("double", paste0(P, "_SE"), fmt(x$se))
        array("double", paste0(P, "_REST_EST"), fmt(x$rest_est))
        array("double", paste0(P, "_REST_SE"), fmt(x$rest_se))
        array("double", paste0(P, "_DIFF"), fmt(x$diff))
        array("double", paste0(P, "_DIFF_SE"), fmt(x$diff_se))
        array("double", paste0(P, "_DIFF_Z"), fmt(x$z))
        array("double", paste0(P, "_DIFF_P"), fmt(x$p))
        array("double", paste0(P, "_DIFF_PADJ"), fmt(x$padj))
    }
}

emit("/* ---- key drivers: svyglm(overall_sat ~ s1 + s2 + s3 + s4 + s5, design) ---- */")
emit("")
for (nm in c("CLUS", "STRAT", "SIMPLE")) {
    x <- results[[nm]]$drivers
    P <- paste0("REF_DESIGN_", nm, "_GLM")
    emit("/* ", nm, " */")
    array("double", paste0(P, "_COEF"), fmt(x$coef))
    array("double", paste0(P, "_SE"), fmt(x$se))
    array("double", paste0(P, "_T"), fmt(x$t))
    array("double", paste0(P, "_P"), fmt(x$p))
    scalar(paste0(P, "_DF"), x$df)
    emit("")
}
array("double", "REF_DESIGN_LM_W_COEF", fmt(unname(coef(lm_fit))),
      "lm(overall_sat ~ s1 + s2 + s3 + s4 + s5, weights = w, data = d)")
emit("#endif /* CSAT_DESIGN_REFERENCE_H */")
close(con)

for (r in results) {
    cat(sprintf("%-17s degf=%g PSUs=%d strata=%d lonely=%d  NPS %.4f (%.4f)  SAT %.4f (%.5f)\n",
                r$ds$name, r$info$df, r$info$psus, r$info$strata, r$info$lonely,
                r$scores$NPS$est, r$scores$NPS$se, r$scores$SAT$est, r$scores$SAT$se))
}
cat("wrote ", out_path, "\n", sep = "")
