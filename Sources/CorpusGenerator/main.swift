print("corpus generator: not yet")
