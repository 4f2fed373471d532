# Stan's log density and gradient of mmm_textbook.stan at given points, for the point-by-point check
# of our 'textbook' log density (bench/fit-logdensity.ts):
#   Rscript bench/stan/logprob.R <data.json> <points.json> <out.json>
# points.json: a list of constrained parameter values by name (intercept, trend, gamma, zeta, beta,
# alpha, K, S, sigma). Output per point: log_prob with the Jacobian of the constraining transforms
# (adjust_transform = TRUE, what NUTS samples) and its gradient on the unconstrained scale, in Stan's
# order (parameters as declared, vectors element by element). Uses the model compiled by fit.R.
suppressPackageStartupMessages({ library(rstan); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 3) stop("usage: Rscript logprob.R <data.json> <points.json> <out.json>")
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1]))
if (!nzchar(rstan_options("boost_lib")) || !file.exists(rstan_options("boost_lib"))) {
  if (file.exists("/usr/include/boost")) rstan_options(boost_lib = "/usr/include")
}
program <- file.path(here, "mmm_textbook.stan")
cache <- file.path(Sys.getenv("TMPDIR", "/tmp"), paste0("mmm_textbook_", unname(tools::md5sum(program)), ".rds"))
model <- if (file.exists(cache)) readRDS(cache)$model else stan_model(program, auto_write = FALSE)
input <- fromJSON(args[1], simplifyVector = TRUE)
as_matrix <- function(m, rows, cols) {
  if (cols == 0) return(matrix(0, rows, 0))
  out <- if (is.matrix(m)) t(m) else do.call(cbind, lapply(m, as.numeric))
  storage.mode(out) <- "double"
  out
}
data <- list(
  T = input$T, C = input$C, J = input$J, F = input$F, L = input$L,
  y = as.numeric(input$y), tau = as.numeric(input$tau),
  x = as_matrix(input$x, input$T, input$C), z = as_matrix(input$z, input$T, input$J),
  s = as_matrix(input$s, input$T, input$F),
  kpi_scale = input$kpi_scale, spend_total = as.array(as.numeric(input$spend_total))
)
# One fixed-parameter iteration instantiates the model so log_prob can be called on it.
fit <- sampling(model, data = data, chains = 1, iter = 1, algorithm = "Fixed_param", refresh = 0)
points <- fromJSON(args[2], simplifyVector = FALSE)
vec <- function(v) as.array(as.numeric(unlist(v)))
out <- lapply(points, function(p) {
  upars <- unconstrain_pars(fit, list(
    intercept = p$intercept, trend = p$trend, gamma = vec(p$gamma), zeta = vec(p$zeta),
    beta = vec(p$beta), alpha = vec(p$alpha), K = vec(p$K), S = vec(p$S), sigma = p$sigma
  ))
  lp <- log_prob(fit, upars, adjust_transform = TRUE, gradient = TRUE)
  list(logDensity = as.numeric(lp), gradient = as.numeric(attr(lp, "gradient")))
})
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), args[3])
