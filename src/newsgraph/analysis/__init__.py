"""Analysis over the corpus: relations between actors over time and their charts."""
