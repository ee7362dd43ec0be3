"""The claims page: a person pastes an article and sees its claims highlighted."""
