#!/usr/bin/python3
"""Writes db/claves_comunes.txt: passwords people choose often, built from well-known
patterns (words of everyday Spanish and English and of the health sector, names, teams,
cities, keyboard walks, sequences and repetitions, with the usual years and endings).
Nothing is downloaded. The portal loads the file at start and refuses a password on it,
ignoring case. Run: /usr/bin/python3 db/gen_claves_comunes.py > db/claves_comunes.txt"""

palabras = """password contraseña contrasena clave claves secreto secreta admin administrador
administradora usuario usuaria bienvenido bienvenida colombia bogota medellin cali
barranquilla cartagena bucaramanga pereira manizales cucuta minsalud ministerio salud
saludtotal hospital clinica medico medica enfermera paciente historia interoperabilidad
portal sistema sistemas soporte tecnologia qwerty asdfgh zxcvbn iloveyou teamo teamomucho
amor amorcito mi amor princesa principe dragon monkey football futbol sunshine shadow master
superman batman spiderman pokemon starwars letmein welcome hello hola holamundo abc
millonarios nacional americadecali juniors santafe deportivo seleccion james falcao
maria jose juan carlos andres felipe camila valentina daniela alejandro sebastian santiago
laura sofia natalia diana paola carolina jorge luis pedro pablo miguel angel david
familia dios diosesamor jesus jesucristo bendicion gracias felicidad libertad esperanza
navidad verano invierno primavera otono cafe chocolate galleta gato perro mascota
computador computadora internet correo telefono celular trabajo oficina empresa
cambiar cambiame nueva nuevo temporal prueba pruebas test testing demo default""".split()

finales = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678",
           "123456789", "!", "!!", ".", "*", "@", "#", "$", "1!", "123!", "123*", "@123",
           "#1", "01", "007", "2000", "1990", "1995", "1999", "2010", "2015", "2018",
           "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027",
           ".2024", ".2025", ".2026", "*2025", "*2026", "@2025", "@2026", "_2025", "_2026"]

teclado = ["qwertyuiop", "qwertyuiopasdfghjkl", "asdfghjkl", "asdfghjklñ", "zxcvbnm",
           "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "qazwsxedcrfv", "zaq12wsxcde3",
           "1q2w3e4r5t6y", "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6", "qwertyqwerty",
           "asdfasdfasdf", "qweasdzxc123", "poiuytrewq", "mnbvcxzlkjhg", "qwerty123456",
           "123qweasdzxc", "!qaz@wsx#edc", "1qaz!qaz1qaz", "qwertyuiop123"]

def secuencias():
    digitos = "01234567890123456789"
    for n in range(6, 17):
        for i in range(10):
            yield digitos[i:i + n]
            yield digitos[i:i + n][::-1]
    abc = "abcdefghijklmnopqrstuvwxyz"
    for n in range(6, 17):
        for i in range(len(abc) - n + 1):
            yield abc[i:i + n]
    for c in "abcdefghijklmnopqrstuvwxyz0123456789.*!@#-_":
        for n in range(6, 21):
            yield c * n
    for pat in ["12", "123", "1234", "abc", "abc123", "qwe", "asd", "ab", "a1", "1a",
                "aa", "11", "00", "69", "007", "hola", "amor", "pass", "clave"]:
        for n in range(2, 9):
            yield pat * n

def variantes(w):
    yield w
    yield w.capitalize()
    yield w.upper()

def todas():
    for w in palabras:
        for f in finales:
            for v in variantes(w):
                yield v + f
    for w in palabras:
        yield w + w
        yield w + "." + w
        yield "mi" + w
        yield "mi" + w + "123"
    for t in teclado:
        for f in ["", "1", "123", "!", "2025", "2026"]:
            yield t + f
    yield from secuencias()
    for y in range(1940, 2031):
        for w in ["colombia", "password", "clave", "salud", "bogota", "admin"]:
            yield w + str(y)
            yield str(y) + w

vistas = set()
print("# Contraseñas comunes: generadas por db/gen_claves_comunes.py. No editar a mano.")
for p in todas():
    k = p.lower()
    if k not in vistas:
        vistas.add(k)
        print(k)
