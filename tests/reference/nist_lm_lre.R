#!/usr/bin/Rscript
# Accuracy of R's lm() on the NIST StRD linear least-squares sets.
#
# Usage: Rscript tests/reference/nist_lm_lre.R [folder of the .dat files]
# (default: tests/reference/nist/linear beside this script).
#
# For each set the certified coefficients, their standard deviations, the
# residual SD and R^2 are read from the file's header and compared with lm():
# polynomial sets as lm(y ~ x + I(x^2) + ... + I(x^k)), Longley as
# lm(y ~ x1 + ... + x6), NoInt1/NoInt2 as lm(y ~ 0 + x). Filip needs
# tol = 1e-12 (with the default 1e-7 the QR pivoting drops x^10 as collinear).
#
# Printed per set: the log relative error (LRE, correct significant digits)
#   LRE = -log10(|estimate - certified| / |certified|),
# or the log absolute error -log10(|estimate|) where the certified value is 0
# (Wampler1/2 have an exact fit: SDs and residual SD are 0), capped at 15 (a
# double carries about 15.6 digits; an exact match would be +Inf), and
# minimised over the coefficients (and over their SDs).
# Output, one line per set:  name  coef  se  sigma  r2
# make_drivers_reference.py runs this script and writes the figures into
# drivers_reference.h as the bar the library must reach.

args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else {
  self <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  file.path(dirname(normalizePath(self)), "nist", "linear")
}

lre <- function(est, cert) {
  v <- ifelse(cert == 0, -log10(abs(est)), -log10(abs(est - cert) / abs(cert)))
  pmin(15, v)
}

read_nist <- function(path) {
  lines <- readLines(path)
  head <- paste(lines[1:10], collapse = "\n")
  lines_of <- function(key) {
    re <- paste0(key, " +\\(lines ([0-9]+) to ([0-9]+)\\)")
    as.integer(regmatches(head, regexec(re, head))[[1]][2:3])
  }
  cert <- lines_of("Certified Values")
  dat <- lines_of("Data")
  cl <- lines[cert[1]:cert[2]]
  b <- grep("^ *B[0-9]+ ", cl, value = TRUE)
  parts <- strsplit(trimws(b), " +")
  est <- as.numeric(sapply(parts, `[`, 2))
  sd <- as.numeric(sapply(parts, `[`, 3))
  num_after <- function(key) {
    l <- grep(key, cl, value = TRUE)[1]
    as.numeric(sub(paste0(".*", key, " +([-+0-9.Ee]+).*"), "\\1", l))
  }
  sigma <- num_after("Standard Deviation")
  r2 <- num_after("R-Squared")
  m <- read.table(text = lines[dat[1]:dat[2]])
  list(b = est, sd = sd, sigma = sigma, r2 = r2, data = m, names = sub("^ *(B[0-9]+).*", "\\1", b))
}

sets <- c("Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
          "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5")
for (s in sets) {
  d <- read_nist(file.path(dir, paste0(s, ".dat")))
  m <- d$data
  if (s == "Longley") {
    names(m) <- c("y", paste0("x", 1:6))
    fit <- lm(y ~ x1 + x2 + x3 + x4 + x5 + x6, data = m)
  } else if (s %in% c("NoInt1", "NoInt2")) {
    names(m) <- c("y", "x")
    fit <- lm(y ~ 0 + x, data = m)
  } else {
    names(m) <- c("y", "x")
    k <- length(d$b) - 1
    terms <- c("x", if (k >= 2) sprintf("I(x^%d)", 2:k))
    f <- as.formula(paste("y ~", paste(terms, collapse = " + ")))
    fit <- if (s == "Filip") lm(f, data = m, tol = 1e-12) else lm(f, data = m)
  }
  sm <- suppressWarnings(summary(fit))  # Wampler1/2: "essentially perfect fit"
  co <- coef(sm)
  stopifnot(nrow(co) == length(d$b))
  cat(sprintf("%-9s %.2f %.2f %.2f %.2f\n", s,
              min(lre(co[, 1], d$b)), min(lre(co[, 2], d$sd)),
              lre(sm$sigma, d$sigma), lre(sm$r.squared, d$r2)))
}
