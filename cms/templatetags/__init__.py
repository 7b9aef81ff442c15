"""Template tags of the public site: the language switcher, page sections and icons."""
