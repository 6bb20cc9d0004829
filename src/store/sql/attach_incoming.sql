ATTACH DATABASE ':memory:' AS incoming
