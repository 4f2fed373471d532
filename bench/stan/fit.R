# Benchmark driver: Rscript bench/stan/fit.R <data.json> <out.json> [seed]  |  Rscript fit.R --compile-only
# Compiles mmm_textbook.stan (timed; the compiled model and its compile time are cached in the temp
# folder keyed by the program's MD5, since a compile takes minutes), samples 4 chains × (1000 warmup + 1000 draws) on 2 cores and
# writes timings, min bulk/tail ESS and max R-hat over the model parameters (rstan::monitor, the
# rank-normalised diagnostics of Vehtari et al. 2021), post-warmup divergences and the ROI draws.
suppressPackageStartupMessages({ library(rstan); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
compile_only <- length(args) >= 1 && args[1] == "--compile-only"
if (!compile_only && length(args) < 2) stop("usage: Rscript fit.R <data.json> <out.json> [seed]")
seed <- if (length(args) >= 3) as.integer(args[3]) else 1L
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
# Debian's r-cran-bh ships no headers (they are libboost-dev's, in /usr/include): point rstan there.
if (!nzchar(rstan_options("boost_lib")) || !file.exists(rstan_options("boost_lib"))) {
  if (file.exists("/usr/include/boost")) rstan_options(boost_lib = "/usr/include")
}
program <- file.path(here, "mmm_textbook.stan")
cache <- file.path(Sys.getenv("TMPDIR", "/tmp"), paste0("mmm_textbook_", unname(tools::md5sum(program)), ".rds"))
if (file.exists(cache)) {
  compiled <- readRDS(cache)
} else {
  compile_start <- Sys.time()
  model <- stan_model(program, auto_write = FALSE)
  compiled <- list(model = model, compileSeconds = as.numeric(difftime(Sys.time(), compile_start, units = "secs")))
  saveRDS(compiled, cache)
}
if (compile_only) {
  cat(sprintf("compiled in %.1f s (cache %s)\n", compiled$compileSeconds, cache))
  quit(status = 0)
}
model <- compiled$model
compile_seconds <- compiled$compileSeconds
input <- fromJSON(args[1], simplifyVector = TRUE)
# The JSON holds matrices column by column (one array per channel / control / feature); jsonlite
# simplifies equal-length arrays to a matrix with one ROW per array, hence the transpose.
as_matrix <- function(m, rows, cols) {
  if (cols == 0) return(matrix(0, rows, 0))
  out <- if (is.matrix(m)) t(m) else do.call(cbind, lapply(m, as.numeric))
  stopifnot(nrow(out) == rows, ncol(out) == cols)
  storage.mode(out) <- "double"
  out
}
data <- list(
  T = input$T, C = input$C, J = input$J, F = input$F, L = input$L,
  y = as.numeric(input$y), tau = as.numeric(input$tau),
  x = as_matrix(input$x, input$T, input$C),
  z = as_matrix(input$z, input$T, input$J),
  s = as_matrix(input$s, input$T, input$F),
  kpi_scale = input$kpi_scale, spend_total = as.array(as.numeric(input$spend_total))
)
sample_start <- Sys.time()
fit <- sampling(model, data = data, chains = 4, iter = 2000, warmup = 1000, cores = 2,
                seed = seed, refresh = 0)
sample_seconds <- as.numeric(difftime(Sys.time(), sample_start, units = "secs"))
parameters <- c("intercept", "trend", "gamma", "zeta", "beta", "alpha", "K", "S", "sigma")
draws <- as.array(fit, pars = parameters)
mon <- monitor(draws, warmup = 0, print = FALSE)
sampler <- get_sampler_params(fit, inc_warmup = FALSE)
divergences <- sum(sapply(sampler, function(p) sum(p[, "divergent__"])))
treedepth <- sum(sapply(sampler, function(p) sum(p[, "treedepth__"] >= 10)))
roi <- rstan::extract(fit, pars = "roi", permuted = TRUE)$roi
times <- get_elapsed_time(fit)
out <- list(
  compileSeconds = compile_seconds,
  samplingSeconds = sample_seconds,
  chainWarmupSeconds = as.numeric(times[, "warmup"]),
  chainSamplingSeconds = as.numeric(times[, "sample"]),
  essBulkMin = min(mon[, "Bulk_ESS"]),
  essTailMin = min(mon[, "Tail_ESS"]),
  rhatMax = max(mon[, "Rhat"]),
  divergences = divergences,
  treeDepthSaturations = treedepth,
  roiDraws = lapply(seq_len(ncol(roi)), function(c) as.numeric(roi[, c]))
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), args[2])
