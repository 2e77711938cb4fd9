"""What a Maßnahme is: typed models, enums, pure rules and errors. No Qt, no session handling."""
