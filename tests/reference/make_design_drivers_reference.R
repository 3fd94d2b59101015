# Make tests/reference/design_drivers_reference.h: expected values for the
# key drivers of a survey design (csat_drivers_fit_design, include/csat/design.h)
# beyond those of design_reference.h: R's t quantiles, the design-based Wald
# F tests of all drivers, models without an intercept, a finite-population
# correction, a PSU without a complete row, and lonely PSUs.
#
# Run from the source root (needs R with the survey package):
#
#     Rscript tests/reference/make_design_drivers_reference.R
#
# (from elsewhere: Rscript make_design_drivers_reference.R <source root>).
#
# Data: examples/data/airlinesat.csv, 0-based row index i, as
# make_design_reference.R builds it: w = 0.5 + (i %% 7)/4, st = (i %/% 5) %% 8,
# cl = (i %/% 40) %% 13, N = 13 (st + 2); lst, lcl = st and cl, but 8 and 0
# where i %% 100 == 17 (a stratum of one PSU); y_hole = overall_sat, NA where
# st == 2 & cl == 3 (a PSU without a complete row); y_nolonely = overall_sat,
# NA where i %% 100 == 17 (the lonely stratum without a complete row).
#
# For each model: fit <- svyglm(f, design) with f overall_sat ~ s1 + ... + s5
# (or ~ 0 + s1 + ... + s5, or y_hole ~ ..., y_nolonely ~ ...);
#   <NAME>_COEF, _SE, _T, _P   coef(fit), SE(fit), summary(fit)$coefficients[, 3:4]
#   <NAME>_DF, _TQ             fit$df.residual, qt(0.975, fit$df.residual)
#   <NAME>_F, _F_P             regTermTest(fit, ~ s1 + s2 + s3 + s4 + s5): $Ftest, $p
suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."
air <- read.csv(file.path(root, "examples/data/airlinesat.csv"), stringsAsFactors = FALSE)
n <- nrow(air); i0 <- seq_len(n) - 1L
d <- data.frame(overall_sat = as.numeric(air$overall_sat),
  s1 = as.numeric(air$s1), s2 = as.numeric(air$s2), s3 = as.numeric(air$s3),
  s4 = as.numeric(air$s4), s5 = as.numeric(air$s5),
  w = 0.5 + (i0 %% 7) / 4, st = (i0 %/% 5) %% 8, cl = (i0 %/% 40) %% 13)
d$N <- 13 * (d$st + 2)
lonely <- i0 %% 100 == 17
d$lst <- ifelse(lonely, 8, d$st); d$lcl <- ifelse(lonely, 0, d$cl)
d$y_hole <- ifelse(d$st == 2 & d$cl == 3, NA, d$overall_sat)
d$y_nolonely <- ifelse(lonely, NA, d$overall_sat)

out <- character()
put <- function(...) out <<- c(out, sprintf(...))
f17 <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
emit <- function(nm, fit) {
  r <- regTermTest(fit, ~ s1 + s2 + s3 + s4 + s5)
  cf <- summary(fit)$coefficients
  put("static const double %s_COEF[] = { %s };", nm, f17(coef(fit)))
  put("static const double %s_SE[] = { %s };", nm, f17(SE(fit)))
  put("static const double %s_T[] = { %s };", nm, f17(cf[, 3]))
  put("static const double %s_P[] = { %s };", nm, f17(cf[, 4]))
  put("#define %s_DF %g", nm, fit$df.residual)
  put("#define %s_TQ %.17g", nm, qt(0.975, fit$df.residual))
  put("#define %s_F %.17g", nm, r$Ftest)
  put("#define %s_F_P %.17g", nm, r$p)
  put("")
}
clus <- svydesign(ids = ~cl, strata = ~st, weights = ~w, nest = TRUE, data = d)
strat <- svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)
simple <- suppressWarnings(svydesign(ids = ~1, data = d))
fpc <- svydesign(ids = ~cl, strata = ~st, weights = ~w, fpc = ~N, nest = TRUE, data = d)
lon <- svydesign(ids = ~lcl, strata = ~lst, weights = ~w, nest = TRUE, data = d)
f <- overall_sat ~ s1 + s2 + s3 + s4 + s5
f0 <- overall_sat ~ 0 + s1 + s2 + s3 + s4 + s5
emit("R_CLUS", svyglm(f, clus))
emit("R_STRAT", svyglm(f, strat))
emit("R_SIMPLE", svyglm(f, simple))
emit("R_CLUS_NOINT", svyglm(f0, clus))
emit("R_STRAT_NOINT", svyglm(f0, strat))
emit("R_SIMPLE_NOINT", svyglm(f0, simple))
emit("R_FPC", svyglm(f, fpc))
emit("R_HOLE", svyglm(y_hole ~ s1 + s2 + s3 + s4 + s5, clus))
options(survey.lonely.psu = "average")
emit("R_AVERAGE", svyglm(f, lon))
emit("R_AVERAGE_ABSENT", svyglm(y_nolonely ~ s1 + s2 + s3 + s4 + s5, lon))
options(survey.lonely.psu = "adjust")
emit("R_ADJUST", svyglm(f, lon))

banner <- c(
  "/*",
  " * Expected values for the key drivers of a survey design beyond",
  " * design_reference.h (csat_drivers_fit_design, include/csat/design.h).",
  " * GENERATED FILE, do not edit. Made by tests/reference/make_design_drivers_reference.R;",
  " * to remake it, from the source root:",
  " *",
  " *     Rscript tests/reference/make_design_drivers_reference.R",
  " *",
  sprintf(" * %s, survey %s.", R.version.string, as.character(packageVersion("survey"))),
  " * The script's header says what each name holds and how R computed it.",
  " */",
  "#ifndef CSAT_DESIGN_DRIVERS_REFERENCE_H",
  "#define CSAT_DESIGN_DRIVERS_REFERENCE_H",
  "")
writeLines(c(banner, out, "#endif"), file.path(root, "tests/reference/design_drivers_reference.h"))
