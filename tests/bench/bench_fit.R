# The peer of bench_fit.py: R's summary(lm(y ~ .)) on the data it wrote,
# timed in the same run. Not a test.
#
#   Rscript tests/bench/bench_fit.R <file> <n> <p> <repeats>
#
# <file> holds n rows of p drivers then the outcome, float64 little-endian,
# row by row. Prints "seconds <best elapsed>", then "coef <values>" and
# "se <values>", intercept first, and "blas <library>".
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
n <- as.integer(args[2])
p <- as.integer(args[3])
reps <- as.integer(args[4])

con <- file(file, "rb")
v <- readBin(con, "double", n = n * (p + 1), size = 8, endian = "little")
close(con)
m <- matrix(v, nrow = n, ncol = p + 1, byrow = TRUE)
rm(v)
df <- as.data.frame(m[, seq_len(p), drop = FALSE])
df$y <- m[, p + 1]
rm(m)
invisible(gc())

# Full inference, as libcsat gives it: coefficients with SE, t, p and
# intervals, R², adjusted R², F and its p value. The intervals come from
# the summary's table and the t quantile (confint would refit), so that lm
# runs once per repeat.
fit <- function() {
    s <- summary(lm(y ~ ., data = df))
    tab <- coef(s)
    q <- qt(0.975, s$df[2])
    ci <- cbind(tab[, 1] - q * tab[, 2], tab[, 1] + q * tab[, 2])
    fs <- s$fstatistic
    fp <- pf(fs[1], fs[2], fs[3], lower.tail = FALSE)
    list(table = tab, ci = ci, r2 = s$r.squared, adj = s$adj.r.squared, f = fs, fp = fp)
}

best <- Inf
for (r in seq_len(reps)) {
    invisible(gc())
    t <- system.time(res <- fit())[["elapsed"]]
    best <- min(best, t)
}
cat("seconds", format(best, digits = 6), "\n")
cat("coef", format(res$table[, 1], digits = 17), "\n")
cat("se", format(res$table[, 2], digits = 17), "\n")
blas <- tryCatch(extSoftVersion()[["BLAS"]], error = function(e) "unknown")
cat("blas", blas, "\n")
