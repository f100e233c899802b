"""The newsroom's roles: groups created by migration 0003, which gives their rights."""

CONTRIBUTOR_GROUP = "Rédacteur"  # writes their own articles, submits them for review
EDITOR_GROUP = "Éditeur"  # edits every article, publishes, keeps tags, sources, authors
