# Reference values of the Kaplan-Meier tests in test_business.py, from R's
# survival package (Debian r-cran-survival): survfit with log-log intervals.
# Run: Rscript tests/python/survival_reference.R
# and paste the printed Python into test_business.py (KM_REFERENCE).
library(survival)

show <- function(name, time, status, level) {
  f <- survfit(Surv(time, status) ~ 1, conf.type = "log-log", conf.int = level)
  ev <- f$n.event > 0                      # the library's steps: event times only
  q <- quantile(f, 0.5)
  num <- function(x) paste(sprintf("%.17g", x), collapse = ", ")
  cat(sprintf('    "%s": {\n', name))
  cat(sprintf('        "time": [%s],\n', num(time)))
  cat(sprintf('        "observed": [%s],\n', num(status)))
  cat(sprintf('        "level": %s,\n', num(level)))
  cat(sprintf('        "step_time": [%s],\n', num(f$time[ev])))
  cat(sprintf('        "n_risk": [%s],\n', num(f$n.risk[ev])))
  cat(sprintf('        "n_event": [%s],\n', num(f$n.event[ev])))
  cat(sprintf('        "n_censor": [%s],\n', num(f$n.censor[ev])))
  cat(sprintf('        "survival": [%s],\n', num(f$surv[ev])))
  # R's std.err is the SE of log S; the library gives the SE of S itself.
  cat(sprintf('        "se_log": [%s],\n', num(f$std.err[ev])))
  cat(sprintf('        "lower": [%s],\n', num(f$lower[ev])))
  cat(sprintf('        "upper": [%s],\n', num(f$upper[ev])))
  cat(sprintf('        "median": %s,\n', num(q$quantile)))
  cat(sprintf('        "median_ci": [%s],\n', num(c(q$lower, q$upper))))
  cat('    },\n')
}

cat("KM_REFERENCE = {\n")
# Customer lifetimes in months with ties and censoring (still active = 0).
show("lifetimes",
     c(1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 12, 12, 13, 15, 18),
     c(1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0), 0.95)
# S reaches exactly 1/2 at t = 3: R's median is the midpoint 3.5.
show("half", c(4, 2, 6, 1, 5, 3), c(1, 1, 1, 1, 1, 1), 0.90)
# Resolution times in hours, open complaints censored (resolved = 0).
show("resolution",
     c(2.5, 30, 4, 49, 12, 72, 8.5, 26, 96, 3, 47.5, 16, 55, 20, 6, 48, 36, 100, 1.5, 60),
     c(1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1), 0.95)
cat("}\n")
