"""Sharing hash lists between organisations: signed offline bundles and partner feeds.

Bundles (`bundle_file`, `bundles`) carry one bank to an air-gapped unit as one signed,
optionally encrypted file. Feeds (`partners`, `feed`, `subscriptions`) let one Jaga publish
banks to named partners and another follow them incrementally, deletions included.
"""
