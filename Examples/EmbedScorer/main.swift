print("EmbedScorer")
