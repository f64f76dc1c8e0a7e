"""The PIU classifier head: embed labelled images, train, evaluate, metrics."""
