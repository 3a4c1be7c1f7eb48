"""Histories into forecasts: candidate models, the calibrated ensemble, borrowed priors, linked
stocks and ratios, backtests, and the disk cache of fitted baselines."""
