// Common given names and surnames in Sweden. They are only ever combined at random,
// so every demo person is invented.

export const SWEDISH_FIRST_NAMES: readonly string[] = [
  // women
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Kristina', 'Lena', 'Emma', 'Kerstin', 'Marie',
  'Malin', 'Ingrid', 'Hanna', 'Linnéa', 'Elin', 'Sofia', 'Ida', 'Johanna', 'Birgitta', 'Elisabeth',
  'Annika', 'Katarina', 'Susanne', 'Julia', 'Louise', 'Camilla', 'Jenny', 'Maja', 'Ebba', 'Elsa',
  'Alice', 'Astrid', 'Wilma', 'Agnes', 'Frida', 'Ella', 'Klara', 'Matilda', 'Linda', 'Helena',
  'Ulla', 'Margareta', 'Gunilla', 'Monica', 'Åsa', 'Cecilia', 'Therese', 'Emelie', 'Moa', 'Saga',
  'Vera', 'Stina', 'Britt', 'Inger', 'Karolina', 'Josefin', 'Amanda', 'Signe', 'Tove', 'Lova',
  // men
  'Lars', 'Anders', 'Johan', 'Karl', 'Per', 'Erik', 'Mikael', 'Peter', 'Jan', 'Hans',
  'Lennart', 'Fredrik', 'Daniel', 'Andreas', 'Magnus', 'Thomas', 'Stefan', 'Mats', 'Oskar', 'Alexander',
  'Gustav', 'Nils', 'Jonas', 'Marcus', 'Martin', 'Björn', 'Bengt', 'Olof', 'Henrik', 'Sven',
  'Axel', 'Emil', 'Viktor', 'Filip', 'Simon', 'Anton', 'Hugo', 'Liam', 'William', 'Lucas',
  'Elias', 'Oliver', 'Adam', 'Leo', 'Isak', 'Linus', 'Sebastian', 'Niklas', 'Patrik', 'Ulf',
  'Göran', 'Bo', 'Kjell', 'Rolf', 'Roger', 'Tobias', 'Joakim', 'Christer', 'Robin', 'Åke',
];

export const OTHER_FIRST_NAMES: readonly string[] = [
  'Fatima', 'Amina', 'Zeynep', 'Leila', 'Yasmin', 'Mariam', 'Nour', 'Aisha', 'Elif', 'Ayan',
  'Hodan', 'Zahra', 'Shirin', 'Jelena', 'Agnieszka', 'Katarzyna', 'Mei', 'Linh', 'Rana', 'Dalia',
  'Mohammed', 'Ahmed', 'Ali', 'Omar', 'Hassan', 'Yusuf', 'Ibrahim', 'Amir', 'Mustafa', 'Mehmet',
  'Emre', 'Dragan', 'Milan', 'Nikola', 'Tomasz', 'Piotr', 'Arash', 'Reza', 'Samir', 'Karim',
];

export const SWEDISH_SURNAMES: readonly string[] = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson',
  'Lindberg', 'Jakobsson', 'Magnusson', 'Olofsson', 'Lindström', 'Lindqvist', 'Lindgren', 'Berg',
  'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund',
  'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström',
  'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren',
  'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Nordström', 'Mårtensson', 'Lundström', 'Viklund',
  'Björklund', 'Eliasson', 'Pålsson', 'Berggren', 'Sandström', 'Lund', 'Nordin', 'Ström',
  'Åberg', 'Hermansson', 'Ekström', 'Holmgren', 'Sundberg', 'Hedlund', 'Dahlberg', 'Hellström',
  'Sjögren', 'Abrahamsson', 'Falk', 'Öberg', 'Andreasson', 'Blom', 'Ek', 'Martinsson',
];

export const OTHER_SURNAMES: readonly string[] = [
  'Ali', 'Mohamed', 'Ahmed', 'Hassan', 'Hussein', 'Abdi', 'Omar', 'Ibrahim', 'Yilmaz', 'Kaya',
  'Demir', 'Nguyen', 'Khan', 'Rahimi', 'Karimi', 'Hosseini', 'Jovanović', 'Petrović', 'Nowak', 'Kowalski',
  'Haddad', 'Yousef', 'Said', 'Osman', 'Mahmoud', 'Tesfaye', 'Rodríguez', 'García', 'Silva', 'Novak',
];
